import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowRightOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { api, type Account, type Region, type RegionDetail } from '../api/client.ts';
import { useSession } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navFor } from '../nav.ts';
import { LevelTag } from './regions/region-ui.tsx';

const LEVELS = ['province', 'city', 'county', 'town', 'village'];

/** The account's own region with what lies directly under it; an unrestricted account sees the loaded provinces. */
function ScopeCard({ user }: { user: Account }) {
  const { t, levelName } = useI18n();
  const roots = useQuery({
    queryKey: ['regions', 'roots'],
    queryFn: ({ signal }) => api<{ items: Region[] }>('/regions', { signal }).then((r) => r.items),
    enabled: !user.regionCode,
  });
  // An install usually loads one province; an unrestricted account then sees that province as its region.
  const code = user.regionCode || (roots.data?.length === 1 ? roots.data[0].code : '');
  const detail = useQuery({
    queryKey: ['regions', 'detail', code],
    queryFn: ({ signal }) => api<RegionDetail>(`/regions/${code}`, { signal }),
    enabled: !!code,
  });
  const region = code ? detail.data : undefined;
  const children: (Region & { childCount?: number })[] = (code ? detail.data?.children : roots.data) ?? [];
  const pending = roots.isLoading || (code ? detail.isPending : roots.isPending);
  const childLevel = children[0]?.level;
  const grandLevel = childLevel ? LEVELS[LEVELS.indexOf(childLevel) + 1] : undefined;
  const grandCount = children.reduce((n, c) => n + (c.childCount ?? 0), 0);
  const browseTo = code ? `/regions/${code}` : '/regions';

  return (
    <Card
      title={
        <Space>
          <EnvironmentOutlined />
          {t('home.scope')}
        </Space>
      }
      extra={
        <Link to={browseTo} data-testid="home-browse-region">
          {t('home.browse')} <ArrowRightOutlined />
        </Link>
      }
      style={{ height: '100%' }}
    >
      {pending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Flex gap={10} align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="home-scope-name">
              {region?.name ?? (user.regionCode ? user.regionName : t('home.scopeAll'))}
            </Typography.Title>
            {region?.level && <LevelTag level={region.level} />}
            {code && <Typography.Text code>{code}</Typography.Text>}
            {!user.regionCode && <Tag color="blue">{t('region.nationwide')}</Tag>}
          </Flex>
          {region?.ancestors && region.ancestors.length > 0 && (
            <Typography.Text type="secondary">
              {t('home.scopePath')}: {region.ancestors.map((a) => a.name).join(' / ')}
            </Typography.Text>
          )}
          {childLevel && (
            <div>
              <Typography.Text strong>{t('home.subRegions')}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {t('home.subRegionsCount', { count: children.length, level: levelName(childLevel) })}
                {grandLevel && grandCount > 0 && ` · ${t('home.grandCount', { count: grandCount, level: levelName(grandLevel) })}`}
              </Typography.Text>
              <Flex wrap gap={6} style={{ marginTop: 8 }}>
                {children.slice(0, 12).map((c) => (
                  <Link key={c.code} to={`/regions/${c.code}`}>
                    <Tag style={{ cursor: 'pointer', marginInlineEnd: 0 }}>{c.name}</Tag>
                  </Link>
                ))}
                {children.length > 12 && (
                  <Link to={browseTo}>
                    <Tag style={{ cursor: 'pointer', marginInlineEnd: 0 }}>+{children.length - 12}</Tag>
                  </Link>
                )}
              </Flex>
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}

export default function HomePage() {
  const { t, roleName, dateTime } = useI18n();
  const { user } = useSession();
  if (!user) return null;
  const links = navFor(user.role).filter((e) => e.key !== 'home' && !e.hidden);

  return (
    <Space orientation="vertical" size={20} style={{ width: '100%' }} data-testid="home-page">
      <div>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 4 }} data-testid="home-greeting">
          {t('home.greeting', { name: user.displayName || user.username })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('home.account')} style={{ height: '100%' }} extra={<Link to="/account">{t('nav.account')}</Link>}>
            <Descriptions column={1} size="small" data-testid="home-account">
              <Descriptions.Item label={t('home.username')}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t('home.role')}>
                <Tag color="green">{roleName(user.role)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.region')}>{user.regionCode ? user.regionName : t('region.nationwide')}</Descriptions.Item>
              <Descriptions.Item label={t('home.since')}>{dateTime(user.createdAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <ScopeCard user={user} />
        </Col>
      </Row>
      <div>
        <Typography.Title level={5}>{t('home.quickLinks')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {links.map((e) => (
            <Col key={e.key} xs={24} sm={12} lg={6}>
              <Link to={e.path} data-testid={`quick-${e.key}`}>
                <Card hoverable size="small" className="quick-link">
                  <Card.Meta avatar={<e.icon />} title={t(e.labelKey)} description={e.descKey ? t(e.descKey) : null} />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </div>
    </Space>
  );
}
