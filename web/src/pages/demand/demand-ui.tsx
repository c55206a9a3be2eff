import { useState } from 'react';
import { AutoComplete, Select, Tag, type FormInstance } from 'antd';
import { PERMISSIONS } from '../../../../src/domain/access/permissions/index.ts';
import { BUILTIN_OCCUPATIONS } from '../../../../src/domain/occupations/catalog.ts';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useRegionSearch } from '../regions/region-ui.tsx';

/** Whether the logged-in account may perform an action (the server's permission table). */
export function useCan(): (action: string) => boolean {
  const { user } = useSession();
  return (action) => !!user && (user.role === 'admin' || (PERMISSIONS[action] ?? []).includes(user.role as never));
}

/**
 * Puts each server field error next to its field in the current language; nested fields such as
 * `requirements.ageMin` reach the nested form item. Returns the messages no field could show.
 */
export function placeErrors(form: FormInstance, error: unknown, text: (i: { message: string; messageZh?: string }) => string): string[] {
  if (!isApiError(error)) return [error instanceof Error ? error.message : String(error)];
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  for (const issue of error.fieldErrors) {
    if (known.has(issue.field)) byField.set(issue.field, [...(byField.get(issue.field) ?? []), text(issue)]);
    else rest.push(`${issue.field}: ${text(issue)}`);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
  if (!error.fieldErrors.length) rest.push(error.message);
  return rest;
}

/** A region by search (loaded regions) or by typing any code, such as a county in another province. */
export function RegionCodeInput({ value, onChange, placeholder, testId }: { value?: string; onChange?: (v: string) => void; placeholder?: string; testId?: string }) {
  const [text, setText] = useState('');
  const search = useRegionSearch(/^\d+$/.test(text) ? '' : text, 15);
  return (
    <AutoComplete
      value={value}
      onChange={(v) => onChange?.(String(v ?? ''))}
      onSearch={setText}
      placeholder={placeholder}
      options={(search.data ?? []).map((r) => ({ value: r.code, label: `${r.path ?? r.name} · ${r.code}` }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/** The built-in occupations, searchable by code or name in the current language. */
export function OccupationSelect({ value, onChange, allowClear, testId }: { value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean; testId?: string }) {
  const { lang } = useI18n();
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      value={value}
      onChange={onChange}
      options={BUILTIN_OCCUPATIONS.map((o) => ({ value: o.code, label: `${lang === 'en' ? o.en : o.zh} ${o.code}` }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

export function VocabSelect({ values, prefix, value, onChange, allowClear, testId }: { values: readonly string[]; prefix: string; value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean; testId?: string }) {
  const { t } = useI18n();
  return <Select allowClear={allowClear} value={value} onChange={onChange} options={values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }))} style={{ width: '100%' }} data-testid={testId} />;
}

const STATUS_COLORS: Record<string, string> = { operating: 'green', resumed: 'blue', suspended: 'red', open: 'green', draft: 'default', filled: 'blue', closed: 'default' };
export function StatusTag({ prefix, value }: { prefix: string; value: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[value]}>{t(`${prefix}.${value}` as MessageKey)}</Tag>;
}
