import { auditResource } from '../history/audit.resource.js';
import { messageResource } from '../letters/message.resource.js';
import { orgAdmDocResource } from '../documents/org-adm-doc.resource.js';
import { organizationDocumentResource } from '../documents/organization-document.resource.js';
import { organizationResource } from '../organizations/organization.resource.js';
import { addressResource, industryResource, okrugResource, regionResource } from '../postal-index/reference.resources.js';
import { resourceResource } from '../resources/resource.resource.js';
import { responsibilityResource } from '../resources/responsibility.resource.js';
import { userResource } from '../users/user.resource.js';

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
