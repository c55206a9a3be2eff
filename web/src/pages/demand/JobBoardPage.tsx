import { useState } from 'react';
import { Link } from 'react-router-dom';
import { AutoComplete, Button, Card, Col, Empty, Flex, Form, InputNumber, Layout, Row, Select, Space, Tag, Typography } from 'antd';
import { BUILTIN_OCCUPATIONS } from '../../../../src/domain/occupations/catalog.ts';
import { LoadMore, useCursorPages } from '../../components/cursor-list.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LangSwitch } from '../../i18n/LangSwitch.tsx';
import { POST_TYPES, yuanText, type BoardItem } from './demand-api.ts';

/** Places people ask about most; any region code can be typed as well. */
const PLACES = [
  ['14', '山西省', 'Shanxi'], ['1401', '太原市', 'Taiyuan'], ['1402', '大同市', 'Datong'], ['1403', '阳泉市', 'Yangquan'], ['1404', '长治市', 'Changzhi'], ['1405', '晋城市', 'Jincheng'],
  ['1406', '朔州市', 'Shuozhou'], ['1407', '晋中市', 'Jinzhong'], ['1408', '运城市', 'Yuncheng'], ['1409', '忻州市', 'Xinzhou'], ['1410', '临汾市', 'Linfen'], ['1411', '吕梁市', 'Lüliang'],
  ['4403', '深圳市', 'Shenzhen'], ['3205', '苏州市', 'Suzhou'], ['3702', '青岛市', 'Qingdao'], ['6101', '西安市', "Xi'an"], ['6108', '榆林市', 'Yulin'],
] as const;

interface Filters {
  region?: string;
  occupation?: string;
  postType?: string;
  minPay?: number;
}

/** The public job board: open postings, no login, no personal data; paged with the server's cursor. */
export default function JobBoardPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [form] = Form.useForm<Filters>();
  const { list, items } = useCursorPages<BoardItem>(
    ['public-board', filters],
    '/public/postings',
    { region: filters.region || undefined, occupation: filters.occupation, postType: filters.postType, minPayFen: filters.minPay ? Math.round(filters.minPay * 100) : undefined },
    20,
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 16 }}>
        <Typography.Text style={{ color: '#fff', fontSize: 18 }}>{t('board.title')}</Typography.Text>
        <Space>
          <LangSwitch type="default" />
          <Link to="/login"><Button size="small">{t('board.login')}</Button></Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 960, width: '100%', margin: '0 auto' }}>
        <Typography.Paragraph type="secondary">{t('board.subtitle')}</Typography.Paragraph>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" onFinish={(v) => setFilters({ ...v })}>
            <Row gutter={12}>
              <Col xs={24} sm={12} md={6}>
                <Form.Item name="region" label={t('board.region')}>
                  <AutoComplete allowClear options={PLACES.map(([code, zh, en]) => ({ value: code, label: `${lang === 'en' ? en : zh} ${code}` }))} data-testid="board-region" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={6}>
                <Form.Item name="occupation" label={t('board.occupation')}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={BUILTIN_OCCUPATIONS.map((o) => ({ value: o.code, label: lang === 'en' ? o.en : o.zh }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item name="postType" label={t('posting.postType')}>
                  <Select allowClear options={POST_TYPES.map((v) => ({ value: v, label: t(`posting.type.${v}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name="minPay" label={t('board.minPay')}><InputNumber min={0} step={500} style={{ width: '100%' }} /></Form.Item>
              </Col>
              <Col xs={24} md={3}>
                <Form.Item label=" "><Button type="primary" htmlType="submit" block data-testid="board-search">{t('common.search')}</Button></Form.Item>
              </Col>
            </Row>
          </Form>
        </Card>
        {!list.isLoading && items.length === 0 && <Empty description={t('board.empty')} />}
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {items.map((p) => (
            <Card key={p.id} size="small" data-testid="board-item">
              <Flex justify="space-between" wrap gap={8}>
                <div>
                  <Typography.Title level={5} style={{ margin: 0 }}>{p.title}</Typography.Title>
                  <Typography.Text type="secondary">{p.employerName}</Typography.Text>
                </div>
                <Typography.Text strong style={{ color: '#cf1322', fontSize: 16 }}>{t('demand.payRange', { min: yuanText(p.payMinFen), max: yuanText(p.payMaxFen) })}</Typography.Text>
              </Flex>
              <Space wrap size={[4, 4]} style={{ marginTop: 8 }}>
                <Tag>{t(`posting.type.${p.postType}` as never)}</Tag>
                {p.occupationName && <Tag>{lang === 'en' ? (p.occupationNameEn ?? p.occupationName) : p.occupationName}</Tag>}
                <Tag color="blue">{t('board.openings', { n: p.openings })}</Tag>
                {p.board && <Tag color="green">{t('posting.board')}</Tag>}
                {p.lodging && <Tag color="green">{t('posting.lodging')}</Tag>}
                {p.weakLaborOk && <Tag color="gold">{t('posting.weakLaborOk')}</Tag>}
                {p.requirements.healthCertificate && <Tag>{t('posting.healthCertificate')}</Tag>}
              </Space>
              <div style={{ marginTop: 6 }}>
                <Typography.Text type="secondary">
                  {t('board.place')}：{p.place || p.regionCode} · {t('posting.startDate')} {p.startDate}{p.endDate ? ` – ${p.endDate}` : ''}
                  {p.requirements.ageMin != null && ` · ${p.requirements.ageMin}–${p.requirements.ageMax ?? ''}`}
                  {p.hours && ` · ${p.hours}`}
                </Typography.Text>
              </div>
            </Card>
          ))}
        </Space>
        <LoadMore list={list} count={items.length} more={t('demand.loadMore')} end={t('demand.end')} style={{ margin: 16 }} />
      </Layout.Content>
    </Layout>
  );
}
