import { Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CSV_ENCODINGS, type CsvEncoding } from '../../lib/csv-preview';

const LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
  'iso-8859-15': 'ISO-8859-15',
};

/**
 * The file's encoding: detected, or chosen when the detection is wrong. The wizard re-decodes its
 * preview on change, so the marketer sees whether é, ë, ß and ł come out right before importing.
 */
export function EncodingPicker({
  detected,
  value,
  onChange,
  sample,
}: {
  detected: CsvEncoding;
  value: CsvEncoding | null;
  onChange: (encoding: CsvEncoding | null) => void;
  sample?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        label={t('import.encoding.label')}
        description={t('import.encoding.hint')}
        data={[
          { value: 'detected', label: t('import.encoding.detected', { encoding: LABELS[detected] }) },
          ...CSV_ENCODINGS.map((e) => ({ value: e, label: LABELS[e] })),
        ]}
        value={value ?? 'detected'}
        onChange={(v) => onChange(!v || v === 'detected' ? null : (v as CsvEncoding))}
        allowDeselect={false}
        maw={320}
        data-testid="import-encoding"
      />
      {sample !== undefined && (
        <Text size="sm" data-testid="import-sample">
          {t('import.encoding.sample')} <strong>{sample}</strong>
        </Text>
      )}
    </>
  );
}
