import {
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconSquarePlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listsApi, subscribersApi } from '../../api/endpoints';
import { fmtNumber } from '../../lib/format';
import type { SegmentOperator } from '../../api/types';
import {
  FIELDS,
  fieldDef,
  newCondition,
  newGroup,
  updateNode,
  withField,
  type BuilderNode,
  type ConditionNode,
  type GroupNode,
} from './segment-model';

const ENUM_LABELS: Record<string, string> = {
  status: 'subscriberStatus',
  'nps.class': 'npsClass',
  'trial.status': 'trialStatus',
};

interface Props {
  value: GroupNode;
  onChange: (next: GroupNode) => void;
  /** builder node id → problem from the server */
  errors?: Record<string, string>;
  /** rows left out of the filter because they are unfinished */
  incomplete?: string[];
  readOnly?: boolean;
}

/** Translation key of a field: value.economic → value_economic, attributes. → attributes. */
export const fieldKey = (name: string) => name.replace(/\.$/, '').replace(/\./g, '_');

export function SegmentBuilder({ value, onChange, errors = {}, incomplete = [], readOnly }: Props) {
  const edit = (id: string, change: (node: BuilderNode) => BuilderNode | null) =>
    onChange(updateNode(value, id, change));
  return <GroupEditor node={value} depth={0} edit={edit} errors={errors} incomplete={incomplete} readOnly={readOnly} />;
}

interface EditorProps {
  depth: number;
  edit: (id: string, change: (node: BuilderNode) => BuilderNode | null) => void;
  errors: Record<string, string>;
  incomplete: string[];
  readOnly?: boolean;
}

function GroupEditor({ node, depth, edit, errors, incomplete, readOnly }: EditorProps & { node: GroupNode }) {
  const { t } = useTranslation();
  const set = (patch: Partial<GroupNode>) => edit(node.id, (n) => ({ ...(n as GroupNode), ...patch }));
  const add = (child: BuilderNode) =>
    edit(node.id, (n) => ({ ...(n as GroupNode), children: [...(n as GroupNode).children, child] }));
  return (
    <Paper
      withBorder={depth > 0}
      p={depth > 0 ? 'sm' : 0}
      bg={depth > 0 ? 'gray.0' : undefined}
      role="group"
      aria-label={depth === 0 ? t('segments.rules') : t('segments.group')}
    >
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap">
          <Text size="sm" fw={600}>
            {t('segments.match')}
          </Text>
          <SegmentedControl
            size="xs"
            value={node.match}
            onChange={(v) => set({ match: v as GroupNode['match'] })}
            data={[
              { value: 'all', label: t('segments.all') },
              { value: 'any', label: t('segments.any') },
            ]}
            disabled={readOnly}
            aria-label={t('segments.match')}
          />
          <Checkbox
            size="xs"
            label={t('segments.negate')}
            checked={node.negate}
            onChange={(e) => set({ negate: e.currentTarget.checked })}
            disabled={readOnly}
          />
          {depth > 0 && !readOnly && (
            <ActionIcon
              variant="subtle"
              color="red"
              ml="auto"
              onClick={() => edit(node.id, () => null)}
              aria-label={t('segments.removeGroup')}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
        {node.children.map((child) =>
          child.kind === 'group' ? (
            <GroupEditor
              key={child.id}
              node={child}
              depth={depth + 1}
              edit={edit}
              errors={errors}
              incomplete={incomplete}
              readOnly={readOnly}
            />
          ) : (
            <ConditionRow
              key={child.id}
              node={child}
              edit={edit}
              error={errors[child.id]}
              incomplete={incomplete.includes(child.id)}
              readOnly={readOnly}
            />
          ),
        )}
        {!readOnly && (
          <Group gap="xs">
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => add(newCondition())}>
              {t('segments.addCondition')}
            </Button>
            {depth < 4 && (
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconSquarePlus size={14} />}
                onClick={() => add(newGroup())}
              >
                {t('segments.addGroup')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function ConditionRow({
  node,
  edit,
  error,
  incomplete,
  readOnly,
}: {
  node: ConditionNode;
  edit: EditorProps['edit'];
  error?: string;
  incomplete: boolean;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const def = fieldDef(node.field);
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all, enabled: def?.type === 'list' });
  const set = (patch: Partial<ConditionNode>) => edit(node.id, (n) => ({ ...(n as ConditionNode), ...patch }));
  const fieldData = (['profile', 'value', 'attributes'] as const).map((group) => ({
    group: t(`segments.fieldGroups.${group}`),
    items: FIELDS.filter((f) => f.group === group).map((f) => ({
      value: f.name,
      label: t(`segments.fields.${fieldKey(f.name)}`),
    })),
  }));
  const options =
    def?.type === 'list'
      ? (lists.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))
      : def?.type === 'enum'
        ? (def.options ?? []).map((o) => ({
            value: o,
            label: t(ENUM_LABELS[def.name] ? `${ENUM_LABELS[def.name]}.${o}` : o),
          }))
        : [];
  const label = (what: string) => `${t(`segments.${what}`)} (${t('segments.row')})`;

  let valueInput: React.ReactNode;
  if (node.op === 'exists') {
    valueInput = (
      <Select
        aria-label={label('value')}
        data={[
          { value: 'true', label: t('segments.isSet') },
          { value: 'false', label: t('segments.isNotSet') },
        ]}
        value={node.value === 'false' ? 'false' : 'true'}
        onChange={(v) => set({ value: v ?? 'true' })}
        allowDeselect={false}
        w={160}
        disabled={readOnly}
      />
    );
  } else if (options.length || def?.type === 'list' || def?.type === 'enum') {
    valueInput =
      node.op === 'in' ? (
        <MultiSelect
          aria-label={label('value')}
          data={options}
          value={node.values}
          onChange={(values) => set({ values })}
          w={260}
          disabled={readOnly}
          searchable
        />
      ) : (
        <Select
          aria-label={label('value')}
          data={options}
          value={node.value || node.values[0] || null}
          onChange={(v) => set({ value: v ?? '', values: [] })}
          w={220}
          disabled={readOnly}
          searchable
        />
      );
  } else if (node.op === 'in') {
    valueInput = (
      <TagsInput
        aria-label={label('value')}
        value={node.values}
        onChange={(values) => set({ values })}
        w={260}
        placeholder={t('segments.inPlaceholder')}
        disabled={readOnly}
      />
    );
  } else if (def?.type === 'number') {
    valueInput = (
      <NumberInput
        aria-label={label('value')}
        value={node.value === '' ? '' : Number(node.value)}
        onChange={(v) => set({ value: v === '' ? '' : String(v) })}
        min={def.range?.[0]}
        max={def.range?.[1]}
        w={140}
        disabled={readOnly}
      />
    );
  } else if (def?.type === 'date') {
    valueInput = (
      <TextInput
        aria-label={label('value')}
        type="date"
        value={node.value}
        onChange={(e) => set({ value: e.currentTarget.value })}
        w={170}
        disabled={readOnly}
      />
    );
  } else if (def?.name === 'attributes.') {
    valueInput = (
      <AttributeValueInput
        attribute={node.key}
        label={label('value')}
        value={node.value}
        onChange={(value) => set({ value })}
        disabled={readOnly}
      />
    );
  } else {
    valueInput = (
      <TextInput
        aria-label={label('value')}
        value={node.value}
        onChange={(e) => set({ value: e.currentTarget.value })}
        w={220}
        disabled={readOnly}
      />
    );
  }

  return (
    <Stack gap={4} data-testid="segment-condition">
      <Group gap="xs" wrap="wrap" align="flex-start">
        <Select
          aria-label={label('field')}
          data={fieldData}
          value={node.field}
          onChange={(v) => v && edit(node.id, (n) => withField(n as ConditionNode, v))}
          w={200}
          allowDeselect={false}
          searchable
          disabled={readOnly}
        />
        {def?.name === 'attributes.' && (
          <AttributeKeyInput
            label={label('attributeKey')}
            value={node.key}
            onChange={(key) => set({ key })}
            disabled={readOnly}
          />
        )}
        {def?.keyed && def.name !== 'attributes.' && (
          <TextInput
            aria-label={label(def.name === 'attributes.' ? 'attributeKey' : 'topic')}
            placeholder={
              def.name === 'attributes.' ? t('segments.attributeKeyPlaceholder') : t('segments.topicPlaceholder')
            }
            value={node.key}
            onChange={(e) => set({ key: e.currentTarget.value })}
            w={140}
            disabled={readOnly}
          />
        )}
        <Select
          aria-label={label('operator')}
          data={(def?.ops ?? []).map((op) => ({ value: op, label: t(`segments.ops.${op}`) }))}
          value={node.op}
          onChange={(v) => v && set({ op: v as SegmentOperator })}
          w={150}
          allowDeselect={false}
          disabled={readOnly}
        />
        {valueInput}
        {!readOnly && (
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={() => edit(node.id, () => null)}
            aria-label={t('segments.removeCondition')}
            mt={4}
          >
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
      {error && (
        <Text size="xs" c="red.8" role="alert">
          {error}
        </Text>
      )}
      {!error && incomplete && (
        <Text size="xs" c="dimmed">
          {t('segments.incomplete')}
        </Text>
      )}
    </Stack>
  );
}

// Suggestions from what subscribers have: "Stad · 120" as a name, "Utrecht · 2" as a value.
function withCounts<T extends { count: number }>(items: T[], text: (item: T) => string) {
  const counts = new Map(items.map((i) => [text(i), i.count]));
  return {
    data: [...counts.keys()],
    renderOption: ({ option }: { option: { value: string } }) => (
      <Text size="sm">
        {option.value} · {fmtNumber(counts.get(option.value) ?? 0)}
      </Text>
    ),
  };
}

function AttributeKeyInput(props: {
  label: string;
  value: string;
  onChange: (key: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const keys = useQuery({ queryKey: ['attribute-keys'], queryFn: subscribersApi.attributeKeys, staleTime: 60_000 });
  return (
    <Autocomplete
      aria-label={props.label}
      placeholder={t('segments.attributeKeyPlaceholder')}
      value={props.value}
      onChange={props.onChange}
      w={180}
      disabled={props.disabled}
      limit={50}
      {...withCounts(keys.data ?? [], (k) => k.key)}
    />
  );
}

function AttributeValueInput(props: {
  attribute: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const key = props.attribute.trim();
  const values = useQuery({
    queryKey: ['attribute-values', key.toLowerCase()],
    queryFn: () => subscribersApi.attributeValues(key),
    enabled: /^[A-Za-z0-9_]{1,64}$/.test(key),
    staleTime: 60_000,
  });
  return (
    <Autocomplete
      aria-label={props.label}
      value={props.value}
      onChange={props.onChange}
      w={220}
      disabled={props.disabled}
      {...withCounts(values.data ?? [], (v) => String(v.value))}
    />
  );
}
