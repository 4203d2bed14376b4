import React from 'react';
import { Box } from '@adminjs/design-system';
import { Link } from 'react-router-dom';
import { useTranslation, type BreadcrumbProps } from 'adminjs';

const linkStyle: React.CSSProperties = { color: '#5d5f73', textDecoration: 'none', fontSize: 13, lineHeight: '20px' };
const separator = <span style={{ color: '#5d5f73', padding: '0 6px' }}>/</span>;

/**
 * «Главная / Организации / ПАО Сбербанк» — the record by its title, a link to its card on its other pages
 * («… / ПАО Сбербанк / Редактирование»), instead of AdminJS's «Просмотр».
 */
const Breadcrumbs: React.FC<BreadcrumbProps> = ({ resource, record, actionName }) => {
  const { translateLabel, translateAction } = useTranslation();
  const hasList = resource.resourceActions.some((a) => a.name === 'list');
  const crumbs: { label: string; to?: string }[] = [{ label: translateLabel('dashboard'), to: '/admin' }];
  crumbs.push({ label: translateLabel(resource.name, resource.id), to: hasList ? (resource.href ?? undefined) : undefined });
  if (record?.title) {
    crumbs.push({ label: String(record.title), to: actionName !== 'show' ? `/admin/resources/${resource.id}/records/${record.id}/show` : undefined });
  }
  if (actionName !== 'list' && actionName !== 'show') crumbs.push({ label: translateAction(actionName, resource.id) });
  return (
    <Box flexGrow={1} data-testid="breadcrumbs" style={{ minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
      {crumbs.map((crumb, index) => (
        <React.Fragment key={index}>
          {index > 0 ? separator : null}
          {crumb.to && index < crumbs.length - 1 ? (
            <Link to={crumb.to} style={linkStyle}>
              {crumb.label}
            </Link>
          ) : (
            <span style={{ ...linkStyle, color: '#0c1e29' }} title={crumb.label}>
              {crumb.label}
            </span>
          )}
        </React.Fragment>
      ))}
    </Box>
  );
};

export default Breadcrumbs;
