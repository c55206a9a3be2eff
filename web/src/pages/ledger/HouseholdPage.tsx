import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Descriptions, Empty, Flex, Popconfirm, Result, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { occupationLabel, termLabel, type HouseholdDetail, type LedgerPerson } from './ledger-api.ts';
import { HouseholdForm } from './HouseholdForm.tsx';
import { PersonForm } from './PersonForm.tsx';
import { CategoryTag, RevealButton, useCan } from './ledger-ui.tsx';
import { RecommendationsPanel } from '../matching/RecommendationsPanel.tsx';

function PersonDetails({ p }: { p: LedgerPerson }) {
  const { t, lang } = useI18n();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
      <Descriptions.Item label={t('ledger.gender')}>{lang === 'en' ? p.gender : p.gender === 'male' ? '男' : '女'}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.birthDate')}>{p.birthDate}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.education')}>{termLabel('education', p.education, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.laborCapacity')}>{termLabel('laborCapacity', p.laborCapacity, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.skills')}>{p.skills.length ? p.skills.map((s) => `${occupationLabel(s.occupation, lang)}${s.level ? `(${s.level})` : ''}`).join('、') : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.employerName')}>{p.employerName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.monthlyIncome')}>{p.monthlyIncome ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.trainingWish')}>{occupationLabel(p.trainingWish, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.jobWishTypes')}>{p.jobWishTypes.length ? p.jobWishTypes.map((c) => occupationLabel(c, lang)).join('、') : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.preferredScope')}>{termLabel('preferredScope', p.preferredScope, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.minMonthlyPay')}>{p.minMonthlyPay ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.availableFrom')}>{p.availableFrom ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('ledger.verifiedAt')}>{p.verifiedAt ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}

export default function HouseholdPage() {
  const { id } = useParams();
  const { t, lang, dateTime } = useI18n();
  const { message } = AntApp.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [editingHousehold, setEditingHousehold] = useState(false);
  const [personForm, setPersonForm] = useState<{ open: boolean; person?: LedgerPerson }>({ open: false });

  const q = useQuery({ queryKey: ['ledger', 'household', id], queryFn: ({ signal }) => api<HouseholdDetail>(`/households/${id}`, { signal }) });
  const remove = useMutation({
    mutationFn: (p: LedgerPerson) => api(`/persons/${p.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t('ledger.deleted'));
      client.invalidateQueries({ queryKey: ['ledger'] });
    },
    onError: (e) => message.error(e.message),
  });
  const removeHousehold = useMutation({
    mutationFn: (h: HouseholdDetail) => api(`/households/${h.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t('ledger.deleted'));
      client.invalidateQueries({ queryKey: ['ledger'] });
      navigate('/ledger');
    },
    onError: (e) => message.error(e.message),
  });

  const back = (
    <Link to="/ledger">
      <Button icon={<ArrowLeftOutlined />}>{t('ledger.back')}</Button>
    </Link>
  );
  if (q.isPending) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (q.error) return <Result status={isApiError(q.error) && q.error.status === 404 ? '404' : 'error'} title={isApiError(q.error) && q.error.status === 404 ? t('ledger.notFound') : q.error.message} extra={back} />;
  const h = q.data;
  const writable = can('person.write');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="household-page">
      <Flex wrap gap={12} justify="space-between" align="center">
        <Space wrap>
          {back}
          <Typography.Title level={3} className="page-title" style={{ margin: 0 }} data-testid="household-title">
            {t('ledger.household')} {h.householdNo}
          </Typography.Title>
          <CategoryTag category={h.category} subtype={h.monitoredSubtype} />
          {h.zeroEmployment && <Tag color="red">{t('ledger.zeroEmployment')}</Tag>}
        </Space>
        {can('household.write') && (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditingHousehold(true)} data-testid="household-edit">
              {t('ledger.editHousehold')}
            </Button>
            {h.memberCount === 0 && (
              <Popconfirm title={t('ledger.deleteHouseholdConfirm')} onConfirm={() => removeHousehold.mutate(h)} okText={t('common.yes')} cancelText={t('common.cancel')}>
                <Button danger icon={<DeleteOutlined />}>
                  {t('ledger.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Flex>
      <Card size="small" title={t('ledger.facts')}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('ledger.village')}>
            {h.villageName ?? '—'} <Typography.Text code>{h.villageCode}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.address')}>{h.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.relocated')}>{h.relocated ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.incomePerCapita')}>{h.incomePerCapita ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.memberCount')}>{h.memberCount}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.workingAge')}>{h.workingAgeCount}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.employed')}>{h.employedCount}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.zeroEmployment')}>{h.zeroEmployment ? t('common.yes') : t('common.no')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={`${t('ledger.members')} (${h.members.length})`}
        extra={
          writable && (
            <Button type="primary" size="small" icon={<UserAddOutlined />} onClick={() => setPersonForm({ open: true })} data-testid="person-add">
              {t('ledger.addPerson')}
            </Button>
          )
        }
      >
        <Table<LedgerPerson>
          rowKey="id"
          size="middle"
          dataSource={h.members}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('ledger.empty')} /> }}
          expandable={{ expandedRowRender: (p) => (<><PersonDetails p={p} /><RecommendationsPanel personId={p.id} /></>) }}
          data-testid="household-members"
          onRow={(p) => ({ 'data-testid': `member-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('ledger.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('ledger.relation'), dataIndex: 'relation', render: (v: string) => termLabel('relation', v, lang) },
            { title: t('ledger.idNumber'), dataIndex: 'idNumber', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('ledger.phone'), dataIndex: 'phone', responsive: ['sm'], render: (v: string | null) => v ?? '—' },
            { title: t('ledger.employmentStatus'), dataIndex: 'employmentStatus', render: (v: string) => termLabel('employmentStatus', v, lang) },
            { title: t('ledger.verificationStatus'), dataIndex: 'verificationStatus', responsive: ['md'], render: (v: string) => termLabel('verificationStatus', v, lang) },
            {
              title: t('ledger.actions'),
              key: 'actions',
              render: (_: unknown, p) => (
                <Space wrap size={4}>
                  {can('person.reveal') && <RevealButton personId={p.id} />}
                  {writable && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setPersonForm({ open: true, person: p })} data-testid={`person-edit-${p.id}`}>
                      {t('ledger.edit')}
                    </Button>
                  )}
                  {can('person.delete') && (
                    <Popconfirm title={t('ledger.deleteConfirm', { name: p.name })} onConfirm={() => remove.mutate(p)} okText={t('common.yes')} cancelText={t('common.cancel')}>
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('ledger.delete')} />
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('ledger.history')}>
        <Timeline
          data-testid="household-history"
          items={[...h.categoryHistory].reverse().map((e) => ({
            content: (
              <Space wrap>
                <Typography.Text strong>{e.effectiveDate}</Typography.Text>
                <CategoryTag category={e.category} subtype={e.monitoredSubtype} />
                <Typography.Text type="secondary">
                  {t('ledger.recordedAt')} {dateTime(e.recordedAt)}
                </Typography.Text>
              </Space>
            ),
          }))}
        />
      </Card>
      <HouseholdForm open={editingHousehold} onClose={() => setEditingHousehold(false)} household={h} />
      <PersonForm open={personForm.open} onClose={() => setPersonForm({ open: false })} householdId={h.id} person={personForm.person} />
    </Space>
  );
}
