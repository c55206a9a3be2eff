import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, type FormInstance } from 'antd';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { placeErrors } from './demand-ui.tsx';

/**
 * Saves an employer or posting form. On success: a message, the demand lists reload, `onSaved`
 * gets the saved record and the drawer closes. Otherwise the server's issues go under their fields
 * and the rest into `problems` (a newer save by someone else is one problem). `submit` clears the
 * old problems first.
 */
export function useDemandSave<V, R>({ form, request, onSaved, onClose }: { form: FormInstance; request: (values: V) => Promise<R>; onSaved?: (saved: R) => void; onClose: () => void }) {
  const { t, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: request,
    onSuccess: (saved) => {
      message.success(t('demand.saved'));
      client.invalidateQueries({ queryKey: ['demand'] });
      onSaved?.(saved);
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') return setProblems([t('demand.conflict')]);
      setProblems(placeErrors(form, err, issueText));
    },
  });
  const submit = (values: V) => {
    setProblems([]);
    save.mutate(values);
  };
  return { save, problems, submit };
}

/** What the server refused and no field took, above the form. */
export function ProblemsAlert({ problems }: { problems: string[] }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return <Alert type="error" showIcon title={t('demand.fixErrors')} description={problems.join('；')} style={{ marginBottom: 16 }} />;
}
