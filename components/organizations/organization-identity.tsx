import React, { useEffect } from 'react';
import { Box } from '@adminjs/design-system';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { BasePropertyProps } from 'adminjs';
import { formatDate } from '../engine/date-format';
import { EGRUL_STATUS_COLOR } from '../egrul/egrul-status-value';

const EGRUL_TEXT: Record<string, string> = {
  actual: 'ЕГРЮЛ: актуальна',
  changed: 'ЕГРЮЛ: есть изменения',
  missing: 'Нет в ЕГРЮЛ',
  failed: 'ЕГРЮЛ: не удалось проверить',
};

/** One piece of the identity line: never broken inside («ИНН 7707083893», «ЕГРЮЛ: есть изменения»). */
const Piece: React.FC<{ children: React.ReactNode; testId: string; color?: string }> = ({ children, testId, color }) => (
  <span data-testid={`identity-${testId}`} style={{ whiteSpace: 'nowrap', color }}>
    {children}
  </span>
);

/**
 * The organization card's second line under its name: ИНН / КПП / ОГРН, region, the last EGRUL check, the agreement,
 * and «не действует» for an inactive one: who it is at a glance, without scrolling. Pieces wrap between, not inside.
 */
const OrganizationIdentity: React.FC<BasePropertyProps> = ({ record }) => {
  const p = record?.params ?? {};
  // a card merged into another (issue 26): its address leads to the card kept, which says so
  const navigate = useNavigate();
  const location = useLocation();
  const mergedInto = p.mergedIntoId ? String(p.mergedIntoId) : '';
  useEffect(() => {
    if (mergedInto) {
      navigate(`/admin/resources/Organization/records/${mergedInto}/show?merged=${encodeURIComponent(String(record?.id ?? ''))}`, { replace: true });
    }
  }, [mergedInto, navigate, record?.id]);
  const mergedParam = new URLSearchParams(location.search).get('merged') ?? '';
  const mergedFrom = /^\d{1,10}$/.test(mergedParam) ? mergedParam : null;
  const region = record?.populated?.regionId as { title?: string; id?: string | number } | undefined;
  const egrul = String(p.egrulStatus ?? '');
  const pieces: React.ReactNode[] = [];
  if (p.inn) {
    pieces.push(
      <Piece key="inn" testId="inn">
        ИНН {String(p.inn)}
      </Piece>,
    );
  }
  if (p.kpp) {
    pieces.push(
      <Piece key="kpp" testId="kpp">
        КПП {String(p.kpp)}
      </Piece>,
    );
  }
  if (p.ogrn) {
    pieces.push(
      <Piece key="ogrn" testId="ogrn">
        ОГРН {String(p.ogrn)}
      </Piece>,
    );
  }
  if (region?.title) {
    pieces.push(
      <Piece key="region" testId="region">
        <Link to={`/admin/resources/Region/records/${region.id}/show`}>{region.title}</Link>
      </Piece>,
    );
  }
  pieces.push(
    <Piece key="egrul" testId="egrul" color={EGRUL_STATUS_COLOR[egrul] ?? '#454655'}>
      {EGRUL_TEXT[egrul] ?? 'ЕГРЮЛ: не сверялась'}
    </Piece>,
  );
  pieces.push(
    <Piece key="agreement" testId="agreement">
      {p.dateAgreement ? `Соглашение от ${formatDate(p.dateAgreement)}` : 'Соглашения нет'}
    </Piece>,
  );
  if (p.isActive === false || p.isActive === 'false') {
    pieces.push(
      <Piece key="inactive" testId="inactive" color="#8a1c1c">
        Не действует
      </Piece>,
    );
  }
  return (
    <>
      {mergedFrom ? (
        <Box data-testid="merged-notice" role="status" mb="default" p="default" style={{ background: '#eef1fb', borderRadius: 4, fontSize: 14 }}>
          {`Карточка № ${mergedFrom} объединена с этой организацией — открыта эта карточка.`}
        </Box>
      ) : null}
      <Box
        data-testid="organization-identity"
        mb="default"
        style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, rowGap: 4, fontSize: 14, color: '#0c1e29' }}
      >
        {pieces.map((piece, index) => (
          <React.Fragment key={index}>
            {index > 0 ? (
              <span aria-hidden="true" style={{ color: '#8a8ca0' }}>
                ·
              </span>
            ) : null}
            {piece}
          </React.Fragment>
        ))}
      </Box>
    </>
  );
};

export default OrganizationIdentity;
