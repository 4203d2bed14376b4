import React from 'react';
import { Box, Button, Link, TableCell, TableRow, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, type ShowPropertyProps } from 'adminjs';
import CardSection from '../engine/card-section';
import { formatDate, formatFileSize } from '../engine/date-format';
import { useCardData } from '../engine/use-card-data';

/** An organization's document as /admin/data/organizations/:id/documents lists it. */
export interface DocumentRow {
  id: number;
  documentTypeId: number;
  documentType: string;
  dateApproved: string | null;
  props: string | null;
  comment: string | null;
  hasScan: boolean;
  fileSize: number | null;
  downloadUrl: string | null;
}

/** The organization card's documents: type, date, details, comment, the scan's download link; admins delete. */
const OrganizationDocuments: React.FC<ShowPropertyProps> = ({ record }) => {
  const addNotice = useNotice();
  const organizationId = record.id;
  const { items: documents, failed, reload: load, body } = useCardData<DocumentRow>(`/admin/data/organizations/${organizationId}/documents`, 'documents');
  const canDelete = body?.canDelete === true;

  const remove = async (document: DocumentRow) => {
    const what = `«${document.documentType}»${document.dateApproved ? ` от ${formatDate(document.dateApproved)}` : ''}`;
    if (!window.confirm(`Удалить документ ${what}${document.hasScan ? ' вместе со сканом' : ''}? Это нельзя отменить.`)) return;
    try {
      await new ApiClient().recordAction({ resourceId: 'OrganizationDocument', recordId: String(document.id), actionName: 'delete', method: 'post' });
      addNotice({ message: 'Документ и его скан удалены.', type: 'success' });
      load();
    } catch {
      addNotice({ message: 'Не удалось удалить документ.', type: 'error' });
    }
  };

  return (
    <CardSection
      testId="organization-documents"
      title="Организационно-распорядительные документы"
      failedMessage="Не удалось загрузить документы организации."
      emptyText="Документов нет."
      items={documents}
      failed={failed}
      headers={['Вид документа', 'Дата утверждения', 'Реквизиты', 'Комментарий', 'Скан', ...(canDelete ? [''] : [])]}
      row={(document) => (
        <TableRow key={document.id} data-testid="document-row">
          <TableCell>{document.documentType}</TableCell>
          <TableCell style={{ whiteSpace: 'nowrap' }}>{document.dateApproved ? formatDate(document.dateApproved) : '—'}</TableCell>
          {/* requisites such as «№ 397-97/297 от 01.02.2024»: a number is never broken at its hyphens */}
          <TableCell style={{ whiteSpace: (document.props ?? '').length <= 40 ? 'nowrap' : 'normal' }}>{document.props ?? '—'}</TableCell>
          <TableCell style={{ whiteSpace: 'pre-line' }}>{document.comment ?? '—'}</TableCell>
          <TableCell style={{ whiteSpace: 'nowrap' }}>
            {document.downloadUrl ? (
              <Link href={document.downloadUrl} data-testid="scan-download">
                PDF{document.fileSize ? `, ${formatFileSize(document.fileSize)}` : ''}
              </Link>
            ) : (
              <Text color="grey60">без скана</Text>
            )}
          </TableCell>
          {canDelete ? (
            <TableCell>
              <Button size="sm" variant="text" color="danger" onClick={() => void remove(document)}>
                Удалить
              </Button>
            </TableCell>
          ) : null}
        </TableRow>
      )}
    >
      <Box mb="default">
        <Link href={`/admin/resources/Organization/records/${organizationId}/attachDocument`}>Прикрепить документ</Link>
      </Box>
    </CardSection>
  );
};

export default OrganizationDocuments;
