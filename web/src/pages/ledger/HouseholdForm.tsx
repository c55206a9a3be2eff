import { useNavigate } from 'react-router-dom';
import { Form, Input, InputNumber, Switch } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { HouseholdDetail } from './ledger-api.ts';
import { FieldCol, LedgerFormModal, useFillOnOpen, useLedgerSave } from './form-fields.tsx';
import { RegionPicker, VocabSelect } from './ledger-ui.tsx';

interface Values {
  householdNo?: string;
  villageCode?: string;
  address?: string;
  category?: string;
  monitoredSubtype?: string;
  relocated?: boolean;
  incomePerCapita?: number | null;
  categoryEffectiveDate?: string;
}

function initial(h: HouseholdDetail | undefined): Values {
  if (!h) return { category: 'lifted', relocated: false };
  return { householdNo: h.householdNo, villageCode: h.villageCode, address: h.address ?? undefined, category: h.category, monitoredSubtype: h.monitoredSubtype ?? undefined, relocated: h.relocated, incomePerCapita: h.incomePerCapita };
}

/** Creates a household (then opens its page to add members) or edits one; a category change asks for its effective date. */
export function HouseholdForm({ open, onClose, household }: { open: boolean; onClose: () => void; household?: HouseholdDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const subtype = Form.useWatch('monitoredSubtype', form);
  const editing = !!household;
  const categoryChanged = editing && (category !== household.category || (subtype ?? null) !== household.monitoredSubtype);

  useFillOnOpen(form, open, household, initial);

  const save = useLedgerSave({
    form,
    editing,
    onClose,
    request: (v: Values) => {
      const body = {
        ...v,
        address: v.address || null,
        monitoredSubtype: v.category === 'monitored' ? (v.monitoredSubtype ?? null) : null,
        incomePerCapita: v.incomePerCapita ?? null,
        categoryEffectiveDate: categoryChanged ? v.categoryEffectiveDate || null : undefined,
      };
      return editing
        ? api<HouseholdDetail>(`/households/${household.id}`, { method: 'PATCH', body: { ...body, version: household.version } })
        : api<HouseholdDetail>('/households', { method: 'POST', body });
    },
    onCreated: (h) => navigate(`/ledger/households/${h.id}`),
  });

  return (
    <LedgerFormModal open={open} title={editing ? t('ledger.editHousehold') : t('ledger.newHousehold')} width={640} form={form} save={save} onClose={onClose} testId="household-form">
      <FieldCol sm={12} name="householdNo" label={t('ledger.householdNo')}>
        <Input maxLength={40} data-testid="household-no" />
      </FieldCol>
      <FieldCol sm={12} name="villageCode" label={t('ledger.village')}>
        <RegionPicker villagesOnly testId="household-village" />
      </FieldCol>
      <FieldCol name="address" label={t('ledger.address')}>
        <Input maxLength={200} />
      </FieldCol>
      <FieldCol sm={12} name="category" label={t('ledger.category')}>
        <VocabSelect name="category" allowClear={false} testId="household-category" />
      </FieldCol>
      {category === 'monitored' && (
        <FieldCol sm={12} name="monitoredSubtype" label={t('ledger.subtype')}>
          <VocabSelect name="monitoredSubtype" />
        </FieldCol>
      )}
      {categoryChanged && (
        <FieldCol sm={12} name="categoryEffectiveDate" label={t('ledger.effectiveDate')} extra={t('ledger.categoryChangeHint')}>
          <Input type="date" />
        </FieldCol>
      )}
      <FieldCol xs={12} sm={6} name="relocated" label={t('ledger.relocated')} valuePropName="checked">
        <Switch />
      </FieldCol>
      <FieldCol xs={12} sm={6} name="incomePerCapita" label={t('ledger.incomePerCapita')}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </FieldCol>
    </LedgerFormModal>
  );
}
