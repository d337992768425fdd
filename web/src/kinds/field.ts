import { useTranslation } from 'react-i18next';
import type { ComposerForm } from '../features/campaigns/composer-values';

export type KindFormProps = { form: ComposerForm; disabled?: boolean };

/** Props of a content field: the translated label (and hint) and the form binding at content.<name>. */
export function useField(form: ComposerForm, kind: string) {
  const { t } = useTranslation();
  return (name: string, options: { description?: boolean } = {}) => ({
    label: t(`fields.${kind}.${name.replace(/\.\d+\./g, '.')}`),
    description: options.description ? t(`fields.${kind}.${name.replace(/\.\d+\./g, '.')}Hint`) : undefined,
    ...form.getInputProps(`content.${name}`),
  });
}
