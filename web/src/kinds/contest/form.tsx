import { NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listsApi } from '../../api/endpoints';
import { useField, type KindFormProps } from '../field';

export function ContestForm({ form, disabled }: KindFormProps) {
  const { t } = useTranslation();
  const f = useField(form, 'contest');
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });
  const listData = (lists.data ?? []).map((l) => ({ value: String(l.id), label: l.name }));
  // Friends who join through a referral link need a list; a segment has none, so the marketer picks one.
  const firstAudienceList = lists.data?.find((l) => String(l.id) === form.values.listIds[0]);
  const referrals = Number(form.values.content.referralBonusEntries) > 0;
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
        <NumberInput
          {...f('referralBonusEntries', { description: true })}
          min={0}
          max={100}
          required
          disabled={disabled}
        />
      </SimpleGrid>
      <Select
        {...f('referralListId')}
        description={
          firstAudienceList
            ? t('fields.contest.referralListIdHint', { list: firstAudienceList.name })
            : t('fields.contest.referralListIdSegmentHint')
        }
        placeholder={firstAudienceList ? firstAudienceList.name : t('fields.contest.referralListIdPlaceholder')}
        data={listData}
        clearable
        searchable
        required={referrals && !firstAudienceList}
        disabled={disabled}
        data-testid="contest-referral-list"
      />
      <TextInput {...f('entryQuestion', { description: true })} disabled={disabled} />
    </Stack>
  );
}
