import { Form, Input, InputNumber, Select } from 'antd';
import { builtinOccupation } from '../../../../src/domain/occupations/catalog.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { occupationOptions, type LedgerPerson, type Skill } from './ledger-api.ts';
import { FieldCol, LedgerFormModal, useFillOnOpen, useLedgerSave } from './form-fields.tsx';
import { VocabSelect } from './ledger-ui.tsx';

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
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const editing = !!person;

  useFillOnOpen(form, open, person, initial);

  const save = useLedgerSave({
    form,
    editing,
    onClose,
    request: (v: Values) => {
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
  });

  const occupations = occupationOptions(lang);

  return (
    <LedgerFormModal open={open} title={editing ? t('ledger.editPerson') : t('ledger.newPerson')} width={760} form={form} save={save} onClose={onClose} testId="person-form" okTestId="person-save" cancelTestId="person-cancel">
      <FieldCol sm={12} name="name" label={t('ledger.name')}>
        <Input maxLength={50} data-testid="person-name" />
      </FieldCol>
      <FieldCol sm={12} name="relation" label={t('ledger.relation')}>
        <VocabSelect name="relation" allowClear={false} testId="person-relation" />
      </FieldCol>
      <FieldCol sm={12} name="idNumber" label={t('ledger.idNumber')} extra={editing ? t('ledger.keepHint', { masked: person.idNumber }) : undefined}>
        <Input maxLength={40} autoComplete="off" data-testid="person-id-number" />
      </FieldCol>
      <FieldCol sm={12} name="phone" label={t('ledger.phone')} extra={editing && person.phone ? t('ledger.keepHint', { masked: person.phone }) : undefined}>
        <Input maxLength={30} autoComplete="off" inputMode="tel" data-testid="person-phone" />
      </FieldCol>
      <FieldCol xs={12} sm={8} name="education" label={t('ledger.education')}>
        <VocabSelect name="education" />
      </FieldCol>
      <FieldCol xs={12} sm={8} name="laborCapacity" label={t('ledger.laborCapacity')}>
        <VocabSelect name="laborCapacity" allowClear={false} />
      </FieldCol>
      <FieldCol sm={8} name="employmentStatus" label={t('ledger.employmentStatus')}>
        <VocabSelect name="employmentStatus" allowClear={false} testId="person-employment" />
      </FieldCol>
      <FieldCol sm={12} name="employerName" label={t('ledger.employerName')}>
        <Input maxLength={100} />
      </FieldCol>
      <FieldCol sm={12} name="monthlyIncome" label={t('ledger.monthlyIncome')}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </FieldCol>
      <FieldCol name="skills" label={t('ledger.skills')} extra={t('ledger.skillsHint')}>
        <Input maxLength={500} />
      </FieldCol>
      <FieldCol sm={12} name="trainingWish" label={t('ledger.trainingWish')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={occupations} />
      </FieldCol>
      <FieldCol sm={12} name="jobWishTypes" label={t('ledger.jobWishTypes')}>
        <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={occupations} />
      </FieldCol>
      <FieldCol xs={12} sm={8} name="preferredScope" label={t('ledger.preferredScope')}>
        <VocabSelect name="preferredScope" />
      </FieldCol>
      <FieldCol xs={12} sm={8} name="minMonthlyPay" label={t('ledger.minMonthlyPay')}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </FieldCol>
      <FieldCol sm={8} name="availableFrom" label={t('ledger.availableFrom')}>
        <Input type="date" />
      </FieldCol>
      <FieldCol sm={12} name="verificationStatus" label={t('ledger.verificationStatus')}>
        <VocabSelect name="verificationStatus" />
      </FieldCol>
    </LedgerFormModal>
  );
}
