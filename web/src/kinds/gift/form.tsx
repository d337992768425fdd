import { NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useField, type KindFormProps } from '../field';

export function GiftForm({ form, disabled }: KindFormProps) {
  const { t } = useTranslation();
  const f = useField(form, 'gift');
  const c = form.getValues().content;
  return (
    <Stack>
      <TextInput {...f('title')} required disabled={disabled} />
      <Textarea {...f('description')} autosize minRows={3} required disabled={disabled} />
      <Select
        {...f('giftType')}
        data={['code', 'download', 'shipped'].map((v) => ({ value: v, label: t(`fields.gift.types.${v}`) }))}
        allowDeselect={false}
        disabled={disabled}
      />
      {c.giftType === 'download' && (
        <TextInput {...f('downloadUrl')} placeholder="https://" required disabled={disabled} />
      )}
      {c.giftType === 'code' && <TextInput {...f('codePattern', { description: true })} disabled={disabled} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput {...f('stock', { description: true })} min={1} disabled={disabled} />
        <TextInput type="datetime-local" {...f('claimDeadline')} disabled={disabled} />
      </SimpleGrid>
      <TextInput {...f('imageUrl')} placeholder="https://" disabled={disabled} />
    </Stack>
  );
}
