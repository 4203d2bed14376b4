import { auditResource } from './audit.resource.js';
import { messageResource } from './message.resource.js';
import { orgAdmDocResource } from './org-adm-doc.resource.js';
import { organizationDocumentResource } from './organization-document.resource.js';
import { organizationResource } from './organization.resource.js';
import { addressResource, industryResource, okrugResource, regionResource } from './reference.resources.js';
import { resourceResource } from './resource.resource.js';
import { responsibilityResource } from './responsibility.resource.js';
import { userResource } from './user.resource.js';

/** Every panel section, in menu order. */
export const resourceDefinitions = [
  organizationResource,
  orgAdmDocResource,
  organizationDocumentResource,
  messageResource,
  resourceResource,
  responsibilityResource,
  okrugResource,
  regionResource,
  industryResource,
  addressResource,
  userResource,
  auditResource,
];
