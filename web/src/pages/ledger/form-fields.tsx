import { useEffect, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Col, Form, Modal, Row, type ButtonProps, type FormInstance, type FormItemProps } from 'antd';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { placeFieldErrors } from './ledger-ui.tsx';

/** One field of a ledger form (or filter) in its cell of the form's grid (full width on a phone unless `xs` says otherwise). */
export function FieldCol({ xs = 24, sm, md, children, ...item }: FormItemProps & { xs?: number; sm?: number; md?: number; children: ReactNode }) {
  return (
    <Col xs={xs} sm={sm} md={md}>
      <Form.Item {...item}>{children}</Form.Item>
    </Col>
  );
}

/** Each time the form opens it starts afresh: cleared, then filled from `record` (or a new record's defaults). */
export function useFillOnOpen<V, R>(form: FormInstance<V>, open: boolean, record: R | undefined, toValues: (record: R | undefined) => V) {
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(record) as Parameters<FormInstance<V>['setFieldsValue']>[0]);
    // `toValues` is a plain function of the record; the form refills when the record or `open` changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, record, form]);
}

/**
 * Saves a ledger form. On success: a message, the ledger lists reload, the form closes, and a new
 * record goes to `onCreated`. Someone else's newer save closes the form with a warning; other
 * server issues are shown under their fields, and the rest as messages.
 */
export function useLedgerSave<V, R>({ form, editing, onClose, request, onCreated }: { form: FormInstance<V>; editing: boolean; onClose: () => void; request: (values: V) => Promise<R>; onCreated?: (saved: R) => void }) {
  const { t, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (saved) => {
      message.success(editing ? t('ledger.saved') : t('ledger.created'));
      client.invalidateQueries({ queryKey: ['ledger'] });
      onClose();
      if (!editing) onCreated?.(saved);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'version_conflict') {
        message.warning(t('ledger.conflict', { version: String(e.problem.currentVersion ?? '?') }));
        client.invalidateQueries({ queryKey: ['ledger'] });
        onClose();
        return;
      }
      for (const text of placeFieldErrors(form, e, issueText)) message.error(text);
    },
  });
}

/** The dialog around a ledger form: save submits the form, and the fields sit in one grid. */
export function LedgerFormModal<V>({
  open,
  title,
  width,
  form,
  save,
  onClose,
  testId,
  okTestId,
  cancelTestId,
  children,
}: {
  open: boolean;
  title: ReactNode;
  width: number;
  form: FormInstance<V>;
  save: { mutate: (values: V) => void; isPending: boolean };
  onClose: () => void;
  testId: string;
  okTestId?: string;
  cancelTestId?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={okTestId ? ({ 'data-testid': okTestId } as ButtonProps) : undefined}
      cancelButtonProps={cancelTestId ? ({ 'data-testid': cancelTestId } as ButtonProps) : undefined}
      width={width}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark={false} data-testid={testId}>
        <Row gutter={12}>{children}</Row>
      </Form>
    </Modal>
  );
}
