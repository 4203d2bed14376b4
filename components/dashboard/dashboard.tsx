import React, { useEffect, useState } from 'react';
import { Box, H2, H5, Link, Text } from '@adminjs/design-system';
import { ApiClient, useCurrentAdmin } from 'adminjs';
import { useLocation } from 'react-router-dom';
import { formatDate } from '../engine/date-format';
import { PanelErrorPage } from '../engine/panel-error';

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

const DueList: React.FC<{ heading: string; letters: DueLetter[]; overdue?: boolean; testId: string; empty: string; more: string }> = ({
  heading,
  letters,
  overdue,
  testId,
  empty,
  more,
}) => (
  <Box variant="white" p="xl" m="default" style={{ flex: '1 1 420px', minWidth: 0 }} data-testid={testId}>
    <H5 mb="default" style={{ color: overdue && letters.length ? '#b00020' : undefined }}>
      {heading} {letters.length ? `(${letters.length})` : ''}
    </H5>
    {letters.length === 0 ? <Text color="grey60">{empty}</Text> : null}
    {letters.map((letter) => (
      <Box key={letter.id} py="sm" style={{ borderBottom: '1px solid #eeeeef' }}>
        <Link href={`/admin/resources/Message/records/${letter.id}/show`}>{letter.title}</Link>
        <Text fontSize="sm" color="grey60" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          <span style={{ whiteSpace: 'nowrap', color: overdue ? '#b00020' : '#454655' }}>срок {formatDate(letter.dueDate)}</span>
          {letter.organizations ? ` · ${letter.organizations}` : ''} · {letter.information}
        </Text>
      </Box>
    ))}
    {letters.length ? (
      <Text mt="default" fontSize="sm">
        <Link href={more}>Все в списке писем</Link>
      </Text>
    ) : null}
  </Box>
);

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
  const [due, setDue] = useState<{ overdue: DueLetter[]; thisWeek: DueLetter[] } | null>(null);
  const [currentAdmin] = useCurrentAdmin();
  const selfId = currentAdmin?.id ? String(currentAdmin.id) : null;
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    new ApiClient()
      .getDashboard()
      .then((response) => {
        const data = response.data as { sections: Section[]; due: { overdue: DueLetter[]; thisWeek: DueLetter[] } };
        setSections(data.sections);
        setDue(data.due);
      })
      .catch(() => setFailed(true));
  }, []);
  const mine = selfId ? `filters.executorId=${selfId}&` : '';
  return (
    <Box variant="grey" data-testid="dashboard">
      <H2>Реестр организаций</H2>
      <Text mb="xl">Организации, переписка, документы и информационные ресурсы.</Text>
      {failed ? <Text>Не удалось загрузить сводку.</Text> : null}
      {due ? (
        <Box flex flexDirection="row" flexWrap="wrap">
          <DueList
            heading="Мои просроченные письма"
            letters={due.overdue}
            overdue
            testId="due-overdue"
            empty="Просроченных нет."
            more={`/admin/resources/Message?${mine}filters.status=overdue`}
          />
          <DueList
            heading="Ответить на этой неделе"
            letters={due.thisWeek}
            testId="due-week"
            empty="На ближайшие 7 дней сроков нет."
            more={`/admin/resources/Message?${mine}filters.status=waiting`}
          />
        </Box>
      ) : null}
      <Box flex flexDirection="row" flexWrap="wrap">
        {(sections ?? []).map((section) => (
          <Box key={section.resourceId} variant="white" width={[1, 1 / 2, 1 / 3]} m="default" p="xl">
            <H5>
              <Link href={`/admin/resources/${section.resourceId}`}>{section.label}</Link>
            </H5>
            <Text fontSize="xl" my="default">
              {section.count.toLocaleString('ru-RU')}
            </Text>
            <Text color="grey60">{section.hint}</Text>
          </Box>
        ))}
      </Box>
    </Box>
  );
};

export default DashboardOrNotFound;
