import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importsApi, listsApi } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import type { ImportMode } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import {
  decodeCsvHead,
  detectCsvEncoding,
  guessColumns,
  previewCsv,
  toMapping,
  attributeKeyOf,
  type ColumnChoice,
  type ColumnTarget,
  type CsvEncoding,
  type CsvPreview,
} from '../../lib/csv-preview';
import { EncodingPicker } from './EncodingPicker';
import { ImportRunView } from './ImportProgress';

const PREVIEW_BYTES = 64 * 1024;
const TARGETS: ColumnTarget[] = [
  'email',
  'firstName',
  'lastName',
  'name',
  'externalId',
  'locale',
  'timezone',
  'attribute',
  'ignore',
];
type ConsentChoice = 'opted-in' | 'double-opt-in';
const today = () => new Date().toISOString().slice(0, 10);

export default function ImportPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [head, setHead] = useState<{ bytes: Uint8Array; truncated: boolean; detected: CsvEncoding } | null>(null);
  const [encoding, setEncoding] = useState<CsvEncoding | null>(null);
  const [columns, setColumns] = useState<ColumnChoice[]>([]);
  const [listId, setListId] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [consent, setConsent] = useState<ConsentChoice | null>(null);
  const [consentAt, setConsentAt] = useState('');
  const [consentSource, setConsentSource] = useState('');
  const [newList, setNewList] = useState('');
  const client = useQueryClient();
  const createList = useMutation({
    mutationFn: (name: string) => listsApi.create({ name }),
    onSuccess: (list) => {
      void client.invalidateQueries({ queryKey: ['lists'] });
      setListId(String(list.id));
      setNewList('');
    },
    onError: (e) => setStartError(errorMessage(e)),
  });
  const consentProblem =
    consent === null
      ? 'import.consent.choose'
      : consent === 'opted-in' && (!consentAt || !consentSource.trim())
        ? 'import.consent.dateAndSource'
        : consent === 'double-opt-in' && !listId
          ? 'import.consent.needsList'
          : null;
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [importId, setImportId] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const markDone = useCallback(() => setDone(true), []);
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });
  const mapping = useMemo(() => toMapping(columns), [columns]);

  const showPreview = (bytes: Uint8Array, truncated: boolean, chosenEncoding: CsvEncoding | null) => {
    const text = decodeCsvHead(bytes, truncated, chosenEncoding ?? undefined);
    const parsed = previewCsv(text, 5, truncated);
    setPreview(null);
    if (!parsed.header.length || parsed.header.every((h) => !h)) return setFileError(t('import.emptyFile'));
    setFileError(null);
    setPreview(parsed);
    setColumns(guessColumns(parsed.header));
  };

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setHead(null);
    setEncoding(null);
    setFileError(null);
    if (!chosen) return;
    const truncated = chosen.size > PREVIEW_BYTES;
    const bytes = new Uint8Array(await chosen.slice(0, PREVIEW_BYTES).arrayBuffer());
    setHead({ bytes, truncated, detected: detectCsvEncoding(bytes, truncated) });
    showPreview(bytes, truncated, null);
  };

  const chooseEncoding = (chosen: CsvEncoding | null) => {
    setEncoding(chosen);
    if (head) showPreview(head.bytes, head.truncated, chosen);
  };

  const start = async () => {
    if (!file || !mapping.mapping) return;
    const form = new FormData();
    // Fields first: the server reads them before it streams the file to disk.
    if (listId) form.append('listId', listId);
    form.append('mode', mode);
    form.append('mapping', JSON.stringify(mapping.mapping));
    if (encoding) form.append('encoding', encoding);
    if (consent) form.append('consentBasis', consent);
    if (consent === 'opted-in') {
      form.append('consentAt', consentAt);
      form.append('consentSource', consentSource.trim());
    }
    form.append('file', file, file.name);
    setStartError(null);
    setUploadFraction(0);
    try {
      const started = await importsApi.start(form, setUploadFraction);
      setImportId(started.id);
      setStep(3);
    } catch (e) {
      setStartError(errorMessage(e));
    } finally {
      setUploadFraction(null);
    }
  };

  const reset = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setColumns([]);
    setImportId(null);
    setDone(false);
    setConsent(null);
    setConsentAt('');
    setConsentSource('');
  };

  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.intro')} />
      <Paper withBorder p="lg">
        <Stepper
          active={done ? 4 : step}
          onStepClick={(s) => importId === null && s < step && setStep(s)}
          allowNextStepsSelect={false}
          size="sm"
        >
          <Stepper.Step label={t('import.steps.file')} description={t('import.steps.fileHint')}>
            <Stack maw={640} mt="md">
              <FileInput
                label={t('import.file')}
                description={t('import.fileHint')}
                accept=".csv,text/csv,text/plain"
                leftSection={<IconFileSpreadsheet size={16} />}
                value={file}
                onChange={(f) => void choose(f)}
                clearable
                data-testid="import-file"
              />
              {fileError && <Alert color="red">{fileError}</Alert>}
              {preview && (
                <Text size="sm" c="dimmed">
                  {t('import.detected', {
                    columns: preview.header.length,
                    delimiter: preview.delimiter === '\t' ? 'tab' : preview.delimiter,
                  })}
                </Text>
              )}
              {head && (
                <EncodingPicker
                  detected={head.detected}
                  value={encoding}
                  onChange={chooseEncoding}
                  sample={preview?.rows[0]?.join(' · ')}
                />
              )}
              <Group>
                <Button onClick={() => setStep(1)} disabled={!preview}>
                  {t('common.next')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('import.steps.mapping')} description={t('import.steps.mappingHint')}>
            {preview && (
              <Stack mt="md">
                <Text size="sm">{t('import.mappingIntro')}</Text>
                <Table.ScrollContainer minWidth={Math.max(600, preview.header.length * 170)}>
                  <Table withColumnBorders withTableBorder verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        {columns.map((c, i) => (
                          <Table.Th key={`${c.column}-${i}`} miw={160}>
                            <Stack gap={4}>
                              <Text size="xs" c="dimmed">
                                {t('import.column')}: <strong>{c.column || `#${i + 1}`}</strong>
                              </Text>
                              <Select
                                aria-label={t('import.targetFor', { column: c.column })}
                                data={TARGETS.map((target) => ({
                                  value: target,
                                  label: t(`import.targets.${target}`),
                                }))}
                                value={c.target}
                                onChange={(v) =>
                                  setColumns(
                                    columns.map((x, j) =>
                                      j === i
                                        ? {
                                            ...x,
                                            target: (v as ColumnTarget) ?? 'ignore',
                                            key: v === 'attribute' ? x.key || attributeKeyOf(x.column) : x.key,
                                          }
                                        : x,
                                    ),
                                  )
                                }
                                allowDeselect={false}
                                size="xs"
                              />
                              {c.target === 'attribute' && (
                                <TextInput
                                  size="xs"
                                  aria-label={t('import.attributeKeyFor', { column: c.column })}
                                  value={c.key}
                                  onChange={(e) => {
                                    const key = e.currentTarget.value;
                                    setColumns(columns.map((x, j) => (j === i ? { ...x, key } : x)));
                                  }}
                                />
                              )}
                            </Stack>
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.rows.map((row, r) => (
                        <Table.Tr key={r}>
                          {columns.map((c, i) => (
                            <Table.Td
                              key={i}
                              c={c.target === 'ignore' ? 'dimmed' : undefined}
                              style={{ textDecoration: c.target === 'ignore' ? 'line-through' : undefined }}
                            >
                              {row[i] ?? ''}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Text size="xs" c="dimmed">
                  {t('import.previewNote', { rows: preview.rows.length })}
                </Text>
                {mapping.problems.map((p) => (
                  <Alert
                    key={p.key + JSON.stringify(p.values)}
                    color="red"
                    icon={<IconAlertTriangle size={16} />}
                    p="xs"
                  >
                    {t(p.key, p.values)}
                  </Alert>
                ))}
                <Group>
                  <Button variant="default" onClick={() => setStep(0)}>
                    {t('common.back')}
                  </Button>
                  <Button onClick={() => setStep(2)} disabled={!mapping.mapping}>
                    {t('common.next')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Stepper.Step>

          <Stepper.Step label={t('import.steps.options')} description={t('import.steps.optionsHint')}>
            <Stack maw={640} mt="md">
              <Select
                label={t('import.list')}
                description={t('import.listHint')}
                placeholder={t('import.noList')}
                data={(lists.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))}
                value={listId}
                onChange={setListId}
                clearable
                searchable
                data-testid="import-list"
              />
              <Group align="flex-end" gap="xs">
                <TextInput
                  label={t('import.newList')}
                  placeholder={t('import.newListPlaceholder')}
                  value={newList}
                  onChange={(e) => setNewList(e.currentTarget.value)}
                  data-testid="import-new-list"
                />
                <Button
                  variant="light"
                  onClick={() => createList.mutate(newList.trim())}
                  disabled={!newList.trim()}
                  loading={createList.isPending}
                >
                  {t('import.createList')}
                </Button>
              </Group>
              <Radio.Group
                label={t('import.consent.label')}
                description={t('import.consent.hint')}
                value={consent}
                onChange={(v) => setConsent(v as ConsentChoice)}
                required
              >
                <Stack gap="xs" mt="xs">
                  <Radio
                    value="opted-in"
                    label={t('import.consent.optedIn')}
                    description={t('import.consent.optedInHint')}
                    data-testid="consent-opted-in"
                  />
                  {consent === 'opted-in' && (
                    <Group grow pl="xl" align="flex-start">
                      <TextInput
                        type="date"
                        label={t('import.consent.at')}
                        max={today()}
                        value={consentAt}
                        onChange={(e) => setConsentAt(e.currentTarget.value)}
                        required
                        data-testid="consent-at"
                      />
                      <TextInput
                        label={t('import.consent.source')}
                        placeholder={t('import.consent.sourcePlaceholder')}
                        value={consentSource}
                        onChange={(e) => setConsentSource(e.currentTarget.value)}
                        maxLength={200}
                        required
                        data-testid="consent-source"
                      />
                    </Group>
                  )}
                  <Radio
                    value="double-opt-in"
                    label={t('import.consent.doubleOptIn')}
                    description={t('import.consent.doubleOptInHint')}
                    data-testid="consent-double"
                  />
                </Stack>
              </Radio.Group>
              <Radio.Group label={t('import.mode')} value={mode} onChange={(v) => setMode(v as ImportMode)}>
                <Stack gap="xs" mt="xs">
                  {(['upsert', 'add', 'update'] as const).map((m) => (
                    <Radio key={m} value={m} label={t(`import.modes.${m}`)} description={t(`import.modes.${m}Hint`)} />
                  ))}
                </Stack>
              </Radio.Group>
              {uploadFraction !== null && (
                <Stack gap={4}>
                  <Text size="sm">{t('import.uploading')}</Text>
                  <Progress value={uploadFraction * 100} aria-label={t('import.uploading')} />
                </Stack>
              )}
              {startError && (
                <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert">
                  {startError}
                </Alert>
              )}
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>
                  {t('common.back')}
                </Button>
                <Button
                  onClick={() => void start()}
                  loading={uploadFraction !== null}
                  disabled={consentProblem !== null}
                  data-testid="import-start"
                >
                  {t('import.start')}
                </Button>
              </Group>
              {consentProblem && (
                <Text size="sm" c="dimmed">
                  {t(consentProblem)}
                </Text>
              )}
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('import.steps.progress')} description={t('import.steps.progressHint')}>
            {importId !== null && <ImportRunView id={importId} onAnother={reset} onDone={markDone} />}
          </Stepper.Step>
          <Stepper.Completed>
            {importId !== null && <ImportRunView id={importId} onAnother={reset} onDone={markDone} />}
          </Stepper.Completed>
        </Stepper>
      </Paper>
    </>
  );
}
