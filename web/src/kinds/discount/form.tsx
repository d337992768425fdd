import { Fieldset, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useField, type KindFormProps } from '../field';

export function DiscountForm({ form, disabled }: KindFormProps) {
  const { t } = useTranslation();
  const f = useField(form, 'discount');
  const c = form.getValues().content;
  const offer = c.offerType as string;
  return (
    <Stack>
      <Select
        {...f('offerType')}
        data={['percent', 'amount', 'free_shipping', 'trial'].map((v) => ({
          value: v,
          label: t(`fields.discount.offerTypes.${v}`),
        }))}
        allowDeselect={false}
        disabled={disabled}
      />
      {(offer === 'percent' || offer === 'amount') && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            {...f('value')}
            min={0}
            max={offer === 'percent' ? 100 : undefined}
            suffix={offer === 'percent' ? ' %' : undefined}
            required
            disabled={disabled}
          />
          {offer === 'amount' && <TextInput {...f('currency')} maxLength={3} required disabled={disabled} />}
        </SimpleGrid>
      )}
      {offer === 'trial' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...f('trialPlan')} required disabled={disabled} />
          <NumberInput {...f('trialDays')} min={1} max={365} required disabled={disabled} />
        </SimpleGrid>
      )}
      {offer !== 'trial' && (
        <Fieldset legend={t('fields.discount.codes')}>
          <Stack>
            <SegmentedControl
              aria-label={t('fields.discount.codeMode')}
              data={[
                { value: 'unique', label: t('fields.discount.codeModes.unique') },
                { value: 'shared', label: t('fields.discount.codeModes.shared') },
              ]}
              {...form.getInputProps('content.codeMode')}
              disabled={disabled}
            />
            {c.codeMode === 'shared' ? (
              <TextInput {...f('sharedCode')} required disabled={disabled} />
            ) : (
              <TextInput {...f('codePattern', { description: true })} disabled={disabled} />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput {...f('minOrder')} min={0} disabled={disabled} />
              {offer !== 'amount' && <TextInput {...f('currency')} maxLength={3} disabled={disabled} />}
            </SimpleGrid>
          </Stack>
        </Fieldset>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="datetime-local" {...f('validFrom')} disabled={disabled} />
        <TextInput type="datetime-local" {...f('validUntil')} disabled={disabled} />
      </SimpleGrid>
      <TextInput {...f('headline')} required disabled={disabled} />
      <Textarea {...f('body')} autosize minRows={3} required disabled={disabled} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput {...f('shopUrl')} placeholder="https://" disabled={disabled} />
        <TextInput {...f('shopLabel')} disabled={disabled} />
      </SimpleGrid>
    </Stack>
  );
}
