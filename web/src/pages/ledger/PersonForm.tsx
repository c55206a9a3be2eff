import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Col, Form, Input, InputNumber, Modal, Row, Select, type ButtonProps } from 'antd';
import { builtinOccupation } from '../../../../src/domain/occupations/catalog.ts';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { occupationOptions, type LedgerPerson, type Skill } from './ledger-api.ts';
import { placeFieldErrors, VocabSelect } from './ledger-ui.tsx';

interface Values {
  relation?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  education?: string;
  laborCapacity?: string;
  skills?: string;
  employmentStatus?: string;
  employerName?: string;
  monthlyIncome?: number | null;
  trainingWish?: string;
  jobWishTypes?: string[];
  availableFrom?: string;
  preferredScope?: string;
  minMonthlyPay?: number | null;
  verificationStatus?: string;
}

/** Skills as the text the server reads: "砌筑工(初级):证书号、保洁员". */
function skillsText(skills: Skill[]): string {
  return skills.map((s) => `${builtinOccupation(s.occupation)?.zh ?? s.occupation}${s.level ? `(${s.level})` : ''}${s.certificate ? `:${s.certificate}` : ''}`).join('、');
}

function initial(p: LedgerPerson | undefined): Values {
  if (!p) return { relation: 'head', laborCapacity: 'full', employmentStatus: 'seeking', jobWishTypes: [] };
  return {
    relation: p.relation,
    name: p.name,
    education: p.education ?? undefined,
    laborCapacity: p.laborCapacity,
    skills: skillsText(p.skills),
    employmentStatus: p.employmentStatus,
    employerName: p.employerName ?? undefined,
    monthlyIncome: p.monthlyIncome,
    trainingWish: p.trainingWish ?? undefined,
    jobWishTypes: p.jobWishTypes,
    availableFrom: p.availableFrom ?? undefined,
    preferredScope: p.preferredScope ?? undefined,
    minMonthlyPay: p.minMonthlyPay,
    verificationStatus: p.verificationStatus,
  };
}

/**
 * Creates a person in a household, or edits one. The server's message for each field is shown
 * under that field in the current language. When editing, the ID number and phone are only
 * sent when typed anew: the form never holds them in full.
 */
export function PersonForm({ open, onClose, householdId, person }: { open: boolean; onClose: () => void; householdId: number; person?: LedgerPerson }) {
  const { t, lang, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = !!person;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initial(person));
    }
  }, [open, person, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: Record<string, unknown> = {
        ...v,
        education: v.education ?? null,
        employerName: v.employerName || null,
        monthlyIncome: v.monthlyIncome ?? null,
        trainingWish: v.trainingWish ?? null,
        jobWishTypes: v.jobWishTypes ?? [],
        availableFrom: v.availableFrom || null,
        preferredScope: v.preferredScope ?? null,
        minMonthlyPay: v.minMonthlyPay ?? null,
        skills: v.skills ?? '',
      };
      if (!editing) return api<LedgerPerson>('/persons', { method: 'POST', body: { ...body, householdId, phone: v.phone ?? '' } });
      if (!v.idNumber?.trim()) delete body.idNumber;
      if (!v.phone?.trim()) delete body.phone;
      return api<LedgerPerson>(`/persons/${person.id}`, { method: 'PATCH', body: { ...body, version: person.version } });
    },
    onSuccess: () => {
      message.success(editing ? t('ledger.saved') : t('ledger.created'));
      client.invalidateQueries({ queryKey: ['ledger'] });
      onClose();
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

  const occupations = occupationOptions(lang);

  return (
    <Modal
      open={open}
      title={editing ? t('ledger.editPerson') : t('ledger.newPerson')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'person-save' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'person-cancel' } as ButtonProps}
      width={760}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark={false} data-testid="person-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('ledger.name')}>
              <Input maxLength={50} data-testid="person-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="relation" label={t('ledger.relation')}>
              <VocabSelect name="relation" allowClear={false} testId="person-relation" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="idNumber" label={t('ledger.idNumber')} extra={editing ? t('ledger.keepHint', { masked: person.idNumber }) : undefined}>
              <Input maxLength={40} autoComplete="off" data-testid="person-id-number" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('ledger.phone')} extra={editing && person.phone ? t('ledger.keepHint', { masked: person.phone }) : undefined}>
              <Input maxLength={30} autoComplete="off" inputMode="tel" data-testid="person-phone" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="education" label={t('ledger.education')}>
              <VocabSelect name="education" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="laborCapacity" label={t('ledger.laborCapacity')}>
              <VocabSelect name="laborCapacity" allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="employmentStatus" label={t('ledger.employmentStatus')}>
              <VocabSelect name="employmentStatus" allowClear={false} testId="person-employment" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="employerName" label={t('ledger.employerName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="monthlyIncome" label={t('ledger.monthlyIncome')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="skills" label={t('ledger.skills')} extra={t('ledger.skillsHint')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="trainingWish" label={t('ledger.trainingWish')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={occupations} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="jobWishTypes" label={t('ledger.jobWishTypes')}>
              <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={occupations} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="preferredScope" label={t('ledger.preferredScope')}>
              <VocabSelect name="preferredScope" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="minMonthlyPay" label={t('ledger.minMonthlyPay')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="availableFrom" label={t('ledger.availableFrom')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="verificationStatus" label={t('ledger.verificationStatus')}>
              <VocabSelect name="verificationStatus" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
