import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Button, Descriptions, Modal, Popconfirm, Select, Tag, Typography, type FormInstance } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { PERMISSIONS } from '../../../../src/domain/access/permissions/index.ts';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { RegionSelect } from '../regions/region-ui.tsx';
import { termLabel, termOptions, type VocabName } from './ledger-api.ts';

/** Whether the logged-in account may do `action` (the server checks again, with the record's region). */
export function useCan(): (action: string) => boolean {
  const { user } = useSession();
  return (action) => !!user && (user.role === 'admin' || (PERMISSIONS[action] ?? []).includes(user.role as never));
}

/** A region by name, pinyin initials or code; with `villagesOnly`, other levels are shown but cannot be picked. */
export function RegionPicker({ value, onChange, villagesOnly, placeholder, testId }: { value?: string; onChange?: (v: string | undefined) => void; villagesOnly?: boolean; placeholder?: string; testId?: string }) {
  const { t } = useI18n();
  return <RegionSelect value={value} onChange={onChange} level={villagesOnly ? 'village' : undefined} placeholder={placeholder ?? t('ledger.regionPlaceholder')} style={{ width: '100%' }} testId={testId} />;
}

/** A select over one of the ledger's vocabularies, in the current language. */
export function VocabSelect({ name, value, onChange, allowClear = true, testId }: { name: VocabName; value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean; testId?: string }) {
  const { lang, t } = useI18n();
  return <Select value={value} onChange={onChange} allowClear={allowClear} placeholder={t('ledger.any')} options={termOptions(name, lang)} style={{ width: '100%' }} data-testid={testId} />;
}

export function CategoryTag({ category, subtype }: { category: string; subtype?: string | null }) {
  const { lang } = useI18n();
  const color = category === 'monitored' ? 'orange' : category === 'lifted' ? 'green' : undefined;
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {termLabel('category', category, lang)}
      {subtype ? ` · ${termLabel('monitoredSubtype', subtype, lang)}` : ''}
    </Tag>
  );
}

/**
 * Puts each server issue next to its field in the current language. Issues on a part of a field
 * (`skills.0.occupation`) go to the field itself. Returns the texts no field took.
 */
export function placeFieldErrors(form: FormInstance, error: unknown, text: (issue: { message: string; messageZh?: string }) => string): string[] {
  if (!isApiError(error)) return [error instanceof Error ? error.message : String(error)];
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const issue of error.fieldErrors) {
    const field = known.has(issue.field) ? issue.field : issue.field.split('.')[0];
    if (known.has(field)) byField.set(field, [...(byField.get(field) ?? []), text(issue)]);
    else rest.push(`${issue.field}: ${text(issue)}`);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
  if (!byField.size && !rest.length) rest.push(error.message);
  return rest;
}

/** Shows the full ID number and phone after the user confirms; the server records each look. */
export function RevealButton({ personId, size = 'small' }: { personId: number; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [shown, setShown] = useState<{ idNumber: string; phone: string | null } | null>(null);
  const reveal = useMutation({
    mutationFn: () => api<{ id: number; idNumber: string; phone: string | null }>(`/persons/${personId}/reveal`, { method: 'POST' }),
    onSuccess: (r) => setShown(r),
    onError: (e) => message.error(e.message),
  });
  return (
    <>
      <Popconfirm title={t('ledger.reveal')} description={<div style={{ maxWidth: 280 }}>{t('ledger.revealConfirm')}</div>} onConfirm={() => reveal.mutate()} okText={t('common.yes')} cancelText={t('common.cancel')}>
        <Button size={size} icon={<EyeOutlined />} loading={reveal.isPending} data-testid={`reveal-${personId}`}>
          {t('ledger.reveal')}
        </Button>
      </Popconfirm>
      <Modal open={!!shown} title={t('ledger.revealed')} onCancel={() => setShown(null)} footer={null} destroyOnHidden>
        {shown && (
          <Descriptions column={1} size="small" data-testid="revealed">
            <Descriptions.Item label={t('ledger.idNumber')}>
              <Typography.Text copyable code data-testid="revealed-id">
                {shown.idNumber}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('ledger.phone')}>{shown.phone ? <Typography.Text copyable>{shown.phone}</Typography.Text> : '—'}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </>
  );
}
