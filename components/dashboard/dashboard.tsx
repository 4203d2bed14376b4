import React, { useEffect, useState } from 'react';
import { Box, H2, H5, Link, Text } from '@adminjs/design-system';
import { ApiClient, useCurrentAdmin } from 'adminjs';
import { useLocation, useNavigate } from 'react-router-dom';
import { formatDate } from '../engine/date-format';
import { PanelErrorPage } from '../engine/panel-error';
import { BarCell, LeadFigures, type LeadFiguresData } from './lead-figures';
import { PeriodBar, dashboardQueryOf } from './period-bar';

interface Section {
  resourceId: string;
  label: string;
  count: number;
  hint: string;
}

interface DueLetter {
  id: number;
  title: string;
  dueDate: string;
  organizations: string | null;
  information: string;
}

/** A dashboard list as the server gives it: the true count and the first few. */
interface DueListData {
  count: number;
  top: DueLetter[];
}

const DueList: React.FC<{ heading: string; list: DueListData; overdue?: boolean; testId: string; empty: string; more: string }> = ({
  heading,
  list,
  overdue,
  testId,
  empty,
  more,
}) => (
  <Box bg="white" px="lg" py="default" m="sm" style={{ flex: '1 1 300px', minWidth: 0 }} data-testid={testId}>
    <H5 mb="default" style={{ color: overdue && list.count ? '#b00020' : undefined }}>
      <Link href={more}>{heading}</Link> <span data-testid={`${testId}-count`}>{list.count ? `(${list.count.toLocaleString('ru-RU')})` : ''}</span>
    </H5>
    {list.count === 0 ? <Text color="grey60">{empty}</Text> : null}
    {list.top.map((letter) => (
      <Box key={letter.id} py="sm" style={{ borderBottom: '1px solid #eeeeef' }}>
        <Link href={`/admin/resources/Message/records/${letter.id}/show`}>{letter.title}</Link>
        <Text fontSize="sm" color="grey60" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          <span style={{ whiteSpace: 'nowrap', color: overdue ? '#b00020' : '#454655' }}>срок {formatDate(letter.dueDate)}</span>
          {letter.organizations ? ` · ${letter.organizations}` : ''} · {letter.information}
        </Text>
      </Box>
    ))}
    {list.count > list.top.length ? (
      <Text mt="default" fontSize="sm">
        <Link href={more} data-testid={`${testId}-more`}>{`ещё ${(list.count - list.top.length).toLocaleString('ru-RU')} в списке писем`}</Link>
      </Text>
    ) : null}
  </Box>
);

/** The lead's view: the team's overdue letters by executor, a bar each, each leading to that person's list. */
const TeamOverdue: React.FC<{ rows: { executorId: number | null; name: string; count: number }[] }> = ({ rows }) => {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const most = Math.max(1, ...rows.map((row) => row.count));
  return (
    <Box bg="white" px="lg" py="default" m="sm" style={{ flex: '1 1 300px', minWidth: 0 }} data-testid="team-overdue">
      <H5 mb="default">
        <Link href="/admin/resources/Message?filters.status=overdue">Просрочено в команде</Link>{' '}
        <span data-testid="team-overdue-count">({total.toLocaleString('ru-RU')})</span>
      </H5>
      {rows.length === 0 ? <Text color="grey60">Просроченных нет.</Text> : null}
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <tbody>
          {rows.map((row) => {
            // that person's overdue letters, or those nobody is assigned to
            const list = `/admin/resources/Message?${row.executorId ? `filters.executorId=${row.executorId}` : 'filters.withoutExecutor=true'}&filters.status=overdue`;
            return (
              <tr key={row.executorId ?? 'none'} data-testid="team-overdue-row">
                <td style={{ padding: '3px 8px 3px 0', whiteSpace: 'nowrap', width: '40%' }}>
                  <Link href={list}>{row.name}</Link>
                </td>
                <BarCell value={row.count} most={most} tone="alert" href={list} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </Box>
  );
};

/** The home page: the signed-in user's letters due, then what the registry holds, with links to each section. */
/** AdminJS shows the dashboard for any address it does not know: such an address is a 404 page instead. */
const DashboardOrNotFound: React.FC = () => {
  const { pathname } = useLocation();
  if (pathname.replace(/\/+$/, '') !== '/admin') {
    return <PanelErrorPage error={{ code: 404, title: 'Страница не найдена', text: 'Такого адреса в реестре нет.' }} />;
  }
  return <Dashboard />;
};

const Dashboard: React.FC = () => {
  const [sections, setSections] = useState<Section[] | null>(null);
  const [due, setDue] = useState<{ overdue: DueListData; thisWeek: DueListData } | null>(null);
  const [team, setTeam] = useState<{ executorId: number | null; name: string; count: number }[] | null>(null);
  const [days, setDays] = useState<{ today: string; weekEnd: string } | null>(null);
  const [figures, setFigures] = useState<LeadFiguresData | null>(null);
  const [periodError, setPeriodError] = useState<string | null>(null);
  const [currentAdmin] = useCurrentAdmin();
  const selfId = currentAdmin?.id ? String(currentAdmin.id) : null;
  const [failed, setFailed] = useState(false);
  // the lead's period and document type live in the address: a view can be bookmarked, sent and reloaded
  const location = useLocation();
  const navigate = useNavigate();
  const search = new URLSearchParams(location.search);
  const asked = dashboardQueryOf(search).toString();
  const change = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    navigate({ pathname: location.pathname, search: next.toString() ? `?${next.toString()}` : '' });
  };
  useEffect(() => {
    const params = Object.fromEntries(dashboardQueryOf(search).entries());
    new ApiClient()
      .getDashboard({ params })
      .then((response) => {
        const data = response.data as {
          sections: Section[];
          due: { overdue: DueListData; thisWeek: DueListData };
          teamOverdue: { executorId: number | null; name: string; count: number }[] | null;
          figures: LeadFiguresData | null;
          periodError: string | null;
          today: string;
          weekEnd: string;
        };
        setSections(data.sections);
        setDue(data.due);
        setTeam(data.teamOverdue);
        setFigures(data.figures);
        setPeriodError(data.periodError);
        setFailed(false);
        setDays({ today: data.today, weekEnd: data.weekEnd });
      })
      .catch(() => setFailed(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked]);
  const mine = selfId ? `filters.executorId=${selfId}&` : '';
  return (
    <Box variant="grey" data-testid="dashboard">
      <H2 mb="default">Сводка</H2>
      {failed ? <Text>Не удалось загрузить сводку.</Text> : null}
      {/* what the registry holds: one line, each count a link to its section */}
      <Box bg="white" px="lg" py="default" m="sm" flex flexDirection="row" flexWrap="wrap" style={{ gap: '8px 32px' }} data-testid="dashboard-sections">
        {(sections ?? []).map((section) => (
          <div key={section.resourceId} title={section.hint} style={{ display: 'flex', alignItems: 'baseline', gap: 8, whiteSpace: 'nowrap' }}>
            <Link href={`/admin/resources/${section.resourceId}`}>{section.label}</Link>
            <Text as="span" fontSize="lg" fontWeight="bold">
              {section.count.toLocaleString('ru-RU')}
            </Text>
          </div>
        ))}
      </Box>
      {due ? (
        <Box flex flexDirection="row" flexWrap="wrap">
          <DueList
            heading="Мои просроченные письма"
            list={due.overdue}
            overdue
            testId="due-overdue"
            empty="Просроченных нет."
            more={`/admin/resources/Message?${mine}filters.status=overdue`}
          />
          <DueList
            heading="Ответить на этой неделе"
            list={due.thisWeek}
            testId="due-week"
            empty="На ближайшие 7 дней сроков нет."
            more={`/admin/resources/Message?${mine}filters.status=waiting${days ? `&filters.dueDate~~from=${days.today}&filters.dueDate~~to=${days.weekEnd}` : ''}`}
          />
          {team ? <TeamOverdue rows={team} /> : null}
        </Box>
      ) : null}
      {figures ? (
        <>
          <PeriodBar search={search} current={figures.period} label={figures.period.label} error={periodError} onChange={change} />
          <LeadFigures figures={figures} onDocumentType={(id) => change({ documentType: id })} />
        </>
      ) : null}
    </Box>
  );
};

export default DashboardOrNotFound;
