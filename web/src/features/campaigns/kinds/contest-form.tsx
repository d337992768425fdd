import { NumberInput, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useField, type KindFormProps } from './field';

export function ContestForm({ form, disabled }: KindFormProps) {
  const f = useField(form, 'contest');
  return (
    <Stack>
      <TextInput {...f('title')} required disabled={disabled} />
      <TextInput {...f('prize')} required disabled={disabled} />
      <Textarea {...f('rules')} autosize minRows={3} required disabled={disabled} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="datetime-local" {...f('startsAt')} required disabled={disabled} />
        <TextInput type="datetime-local" {...f('endsAt')} required disabled={disabled} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput {...f('winners')} min={1} max={1000} required disabled={disabled} />
        <NumberInput {...f('referralBonusEntries', { description: true })} min={0} max={100} required disabled={disabled} />
      </SimpleGrid>
      <TextInput {...f('entryQuestion', { description: true })} disabled={disabled} />
    </Stack>
  );
}
