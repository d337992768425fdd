import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Stepper, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { campaignsApi, templatesApi } from '../../api/endpoints';
import { ApiError, errorMessage, fieldErrorsOf } from '../../api/errors';
import type { Campaign, CampaignKind } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/States';
import { campaignLink } from './campaign-links';
import {
  formPathOf,
  initialValues,
  stepOfField,
  toCampaignInput,
  toCampaignUpdate,
  type ComposerValues,
} from './composer-values';
import { KindForm } from '../../kinds/KindForm';
import { cleanContent, isWebKind, webKind } from '../../kinds/registry';
import { AudienceStep } from './AudienceStep';
import { MessageStep } from './MessageStep';
import { PreviewPanel } from './PreviewPanel';
import { ReviewStep } from './ReviewStep';

export default function ComposerPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const campaign = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => campaignsApi.get(id!),
    enabled: id !== undefined,
  });
  if (id !== undefined) {
    if (campaign.isLoading) return <Loading />;
    if (campaign.error) return <ErrorState error={campaign.error} />;
    if (campaign.data && campaign.data.status !== 'draft') return <Navigate to={campaignLink(campaign.data)} replace />;
    // The composer knows the built-in kinds; a plugin kind's draft is edited through the API.
    return <Composer key={id} kind={campaign.data!.kind as CampaignKind} campaign={campaign.data} />;
  }
  const kind = params.kind ?? '';
  if (!isWebKind(kind)) return <Navigate to="/campaigns/new" replace />;
  return <Composer key={kind} kind={kind} />;
}

function Composer({ kind, campaign: loaded }: { kind: CampaignKind; campaign?: Campaign }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [campaign, setCampaign] = useState<Campaign | undefined>(loaded);
  const [step, setStep] = useState(loaded ? 3 : 0);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ComposerValues>({
    initialValues: initialValues(kind, loaded, i18n.language === 'nl' ? 'nl' : 'en'),
  });
  const values = form.values;
  const [debouncedValues] = useDebouncedValue(values, 500);
  const meta = webKind(kind);

  /** Server field problems onto the form; returns the first step that has one. */
  const applyErrors = (error: unknown, only?: (field: string) => boolean): number | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    const fields = fieldErrorsOf(error.details);
    const mapped: Record<string, string> = {};
    let first: number | undefined;
    for (const [field, message] of Object.entries(fields)) {
      const path = formPathOf(field);
      if (only && !only(path)) continue;
      mapped[path] = message;
      const s = stepOfField(path);
      if (s !== undefined && (first === undefined || s < first)) first = s;
    }
    if (error.code === 'no_audience') {
      mapped.listIds = error.message;
      first = first === undefined ? 1 : Math.min(first, 1);
    }
    form.setErrors({ ...form.errors, ...mapped });
    return Object.keys(mapped).length ? first : undefined;
  };

  const checkContent = async (): Promise<boolean> => {
    try {
      await templatesApi.preview({
        kind,
        content: cleanContent(kind, form.getValues().content),
        subject: form.getValues().subject || 'Preview',
      });
      return true;
    } catch (e) {
      const s = applyErrors(e, (f) => f.startsWith('content'));
      if (s === undefined) setFormError(errorMessage(e));
      return false;
    }
  };

  const save = async (): Promise<Campaign | undefined> => {
    setSaving(true);
    setFormError(null);
    try {
      const values = form.getValues();
      const saved = campaign
        ? await campaignsApi.update(campaign.id, toCampaignUpdate(kind, values))
        : await campaignsApi.create(toCampaignInput(kind, values));
      setCampaign(saved);
      form.resetDirty();
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      client.setQueryData(['campaign', saved.id], saved);
      if (!campaign) window.history.replaceState(null, '', `/campaigns/${saved.id}/edit`);
      return saved;
    } catch (e) {
      const s = applyErrors(e);
      if (s !== undefined) setStep(s);
      else setFormError(errorMessage(e));
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  const next = async () => {
    setFormError(null);
    if (step === 0 && !(await checkContent())) return;
    if (step === 1 && values.listIds.length === 0 && !values.segmentId) {
      form.setFieldError('listIds', t('composer.audienceRequired'));
      return;
    }
    if (step === 2) {
      const errors: Record<string, string> = {};
      if (!values.name.trim()) errors.name = t('common.required');
      if (!values.subject.trim()) errors.subject = t('common.required');
      if (Object.keys(errors).length) return form.setErrors(errors);
      if (!(await save())) return;
    }
    setStep((s) => Math.min(3, s + 1));
  };

  // Leaving the review with unsaved edits would send the old version: editing a step drops back out of review.
  useEffect(() => {
    if (step === 3 && form.isDirty()) setStep(2);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values]);

  if (!can.write) {
    // Viewers see a draft as it stands, without the means to change or send it.
    return (
      <>
        <PageHeader
          title={loaded?.name ?? t('composer.new')}
          crumbs={[{ label: t('nav.campaigns'), to: '/campaigns' }, { label: loaded?.name ?? t('composer.new') }]}
        />
        <Alert color="gray" mb="md">
          {t('composer.readOnly')}
        </Alert>
        {loaded && <ReviewStep campaign={loaded} readOnly />}
      </>
    );
  }

  const preview = (
    <PreviewPanel
      queryKey={[
        'draft',
        kind,
        JSON.stringify({
          c: debouncedValues.content,
          s: debouncedValues.subject,
          p: debouncedValues.preheader,
          l: debouncedValues.locale,
        }),
      ]}
      fetchPreview={(subscriber, signal) =>
        templatesApi.preview(
          {
            kind,
            content: cleanContent(kind, debouncedValues.content),
            subject: debouncedValues.subject || t('composer.subjectPlaceholder'),
            preheader: debouncedValues.preheader || undefined,
            locale: debouncedValues.locale,
            subscriber: subscriber
              ? {
                  name: subscriber.name || undefined,
                  firstName: subscriber.firstName || undefined,
                  lastName: subscriber.lastName || undefined,
                  email: subscriber.email ?? undefined,
                  attributes: subscriber.attributes,
                }
              : undefined,
          },
          signal,
        )
      }
      // While typing, only the fields the marketer has already touched get their message.
      onError={(e) => applyErrors(e, (f) => form.isTouched(f))}
    />
  );

  return (
    <>
      <PageHeader
        title={campaign ? campaign.name : t('composer.title', { kind: t(`kinds.${kind}.name`) })}
        crumbs={[
          { label: t('nav.campaigns'), to: '/campaigns' },
          { label: campaign ? campaign.name : t('composer.new') },
        ]}
        badge={
          <Badge color={meta.color} variant="light" leftSection={meta.icon(14)} size="lg">
            {t(`kinds.${kind}.name`)}
          </Badge>
        }
        description={
          <>
            {t(`kinds.${kind}.value`)}{' '}
            {!campaign && (
              <Anchor component={Link} to="/campaigns/new" size="sm">
                {t('composer.changeKind')}
              </Anchor>
            )}
          </>
        }
        actions={
          <>
            {campaign && (
              <ConfirmButton
                variant="subtle"
                leftSection={<IconTrash size={16} />}
                title={t('composer.deleteTitle')}
                message={t('composer.deleteMessage', { name: campaign.name })}
                confirmLabel={t('common.delete')}
                onConfirm={async () => {
                  try {
                    await campaignsApi.remove(campaign.id);
                    void client.invalidateQueries({ queryKey: ['campaigns'] });
                    void navigate('/campaigns');
                  } catch (e) {
                    setFormError(errorMessage(e));
                  }
                }}
              >
                {t('composer.deleteDraft')}
              </ConfirmButton>
            )}
            {step < 3 && (
              <Button
                variant="default"
                leftSection={<IconDeviceFloppy size={16} />}
                loading={saving}
                onClick={() => void save().then((s) => s && notifySuccess(t('composer.draftSaved')))}
              >
                {t('composer.saveDraft')}
              </Button>
            )}
          </>
        }
      />
      <Stepper
        active={step}
        onStepClick={(s) => (s < step || (campaign && !form.isDirty())) && setStep(s)}
        size="sm"
        mb="lg"
        allowNextStepsSelect={false}
      >
        <Stepper.Step label={t('composer.steps.content')} />
        <Stepper.Step label={t('composer.steps.audience')} />
        <Stepper.Step label={t('composer.steps.message')} />
        <Stepper.Step label={t('composer.steps.review')} />
      </Stepper>
      {formError && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} mb="md" role="alert">
          {formError}
        </Alert>
      )}
      {step === 3 && campaign ? (
        <ReviewStep
          campaign={campaign}
          onEdit={(s) => setStep(s)}
          onSent={(c) => navigate(`/campaigns/${c.id}/sending`)}
        />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: step === 1 ? 12 : 6 }}>
            <Paper withBorder p="md">
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void next();
                }}
                noValidate
              >
                <Stack>
                  {step === 0 && (
                    <>
                      <Title order={2} size="h4">
                        {t('composer.contentTitle')}
                      </Title>
                      <KindForm kind={kind} form={form} />
                    </>
                  )}
                  {step === 1 && <AudienceStep form={form} />}
                  {step === 2 && <MessageStep form={form} />}
                  <Group justify="space-between" mt="md">
                    <Button variant="default" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
                      {t('common.back')}
                    </Button>
                    <Button type="submit" loading={saving} data-testid="composer-next">
                      {step === 2 ? t('composer.saveAndReview') : t('common.next')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Paper>
          </Grid.Col>
          {step !== 1 && <Grid.Col span={{ base: 12, lg: 6 }}>{preview}</Grid.Col>}
        </Grid>
      )}
    </>
  );
}
