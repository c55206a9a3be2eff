import type { FormInstance } from 'antd';
import { isApiError } from './client.ts';

/**
 * Puts the server's field errors next to the matching form fields, in the current language.
 * Returns whether any landed on a field, so the caller can show the rest as a general message.
 */
export function showFieldErrors(form: FormInstance, error: unknown, text: (issue: { message: string; messageZh?: string }) => string): boolean {
  if (!isApiError(error)) return false;
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byField = new Map<string, string[]>();
  for (const issue of error.fieldErrors) {
    if (!known.has(issue.field)) continue;
    byField.set(issue.field, [...(byField.get(issue.field) ?? []), text(issue)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
