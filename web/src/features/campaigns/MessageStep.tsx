import { Button, Group, Menu, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposerForm } from './composer-values';

// Personalisation tags the recipient stage of the renderer fills in (templates/README.md).
const TAGS = [
  { tag: '{{default subscriber.firstName "there"}}', key: 'name' },
  { tag: '{{subscriber.name}}', key: 'fullName' },
  { tag: '{{subscriber.email}}', key: 'email' },
  { tag: '{{subscriber.attributes.city}}', key: 'attribute' },
];

function TagMenu({ onInsert }: { onInsert: (tag: string) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-xs" rightSection={<IconChevronDown size={12} />}>
          {t('composer.insertTag')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {TAGS.map((x) => (
          <Menu.Item key={x.key} onClick={() => onInsert(x.tag)}>
            <Text size="sm">{t(`composer.tags.${x.key}`)}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {x.tag}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export function MessageStep({ form }: { form: ComposerForm }) {
  const { t } = useTranslation();
  const subjectRef = useRef<HTMLInputElement>(null);
  const preheaderRef = useRef<HTMLInputElement>(null);
  // Puts the tag where the cursor is, not at the end.
  const insert = (field: 'subject' | 'preheader', ref: React.RefObject<HTMLInputElement | null>, tag: string) => {
    const current = form.getValues()[field];
    const el = ref.current;
    const at = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? at;
    form.setFieldValue(field, current.slice(0, at) + tag + current.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + tag.length, at + tag.length);
    });
  };
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('composer.messageTitle')}
      </Title>
      <TextInput
        label={t('composer.name')}
        description={t('composer.nameHint')}
        required
        {...form.getInputProps('name')}
      />
      <TextInput
        ref={subjectRef}
        label={
          <Group gap="xs" component="span">
            {t('composer.subject')}
            <TagMenu onInsert={(tag) => insert('subject', subjectRef, tag)} />
          </Group>
        }
        required
        placeholder={t('composer.subjectPlaceholder')}
        {...form.getInputProps('subject')}
      />
      <TextInput
        ref={preheaderRef}
        label={
          <Group gap="xs" component="span">
            {t('composer.preheader')}
            <TagMenu onInsert={(tag) => insert('preheader', preheaderRef, tag)} />
          </Group>
        }
        description={t('composer.preheaderHint')}
        {...form.getInputProps('preheader')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('composer.fromName')}
          description={t('composer.fromNameHint')}
          {...form.getInputProps('fromName')}
        />
        <TextInput
          label={t('composer.fromEmail')}
          type="email"
          description={t('composer.fromEmailHint')}
          {...form.getInputProps('fromEmail')}
        />
        <TextInput label={t('composer.replyTo')} type="email" {...form.getInputProps('replyTo')} />
        <Select
          label={t('composer.language')}
          description={t('composer.languageHint')}
          data={[
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('locale')}
        />
      </SimpleGrid>
    </Stack>
  );
}
