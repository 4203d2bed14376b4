import type { Action, ActionContext, ActionRequest, ActionResponse, RecordActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { deleteDocument } from './document.service.js';
import type { ScanStorage } from './scan-storage.js';
import type { Logger } from '../logger.js';
import { isAdmin } from '../engine/admin/access.js';
import { Components } from '../engine/admin/component-loader.js';

export interface DocumentActionDependencies {
  dataSource: DataSource;
  storage: ScanStorage;
  logger: Logger;
}

/**
 * "Прикрепить документ" on an organization (list row and card): the component posts the form and the PDF to
 * /admin/data/organizations/:id/documents; this handler only gives it the record and the document types.
 */
export function attachDocumentAction({ dataSource, storage }: DocumentActionDependencies): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: 'Paperclip',
    component: Components.DocumentAttach,
    showInDrawer: false,
    isAccessible: true, // every clerk attaches documents (the upload route is for everyone logged in)
    handler: async (_request: ActionRequest, _response: unknown, context: ActionContext) => {
      const { record, currentAdmin } = context;
      if (!record) throw new Error('attachDocument: no record');
      const types: { id: number; name: string }[] = await dataSource.query(`SELECT id, name FROM org_adm_docs ORDER BY name`);
      return {
        record: record.toJSON(currentAdmin),
        attach: { documentTypes: types, maxUploadMb: Math.round(storage.maxBytes / 1048576) },
      } as RecordActionResponse;
    },
  };
}

/** Deleting a document (admins) removes its scan too; one path for the list, the show page and the card. */
export function deleteDocumentAction({ dataSource, storage, logger }: DocumentActionDependencies): Partial<Action<ActionResponse>> {
  return {
    isAccessible: isAdmin,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const { record, currentAdmin, h, resource } = context;
      if (!record) throw new Error('delete: no record');
      if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
      const documentId = Number(record.id());
      await deleteDocument(dataSource, storage, documentId);
      logger.info('document deleted', { documentId, user: (currentAdmin as { email?: string } | undefined)?.email });
      return {
        record: record.toJSON(currentAdmin),
        redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() || resource.id() }),
        notice: { message: 'Документ и его скан удалены.', type: 'success' },
      };
    },
  };
}
