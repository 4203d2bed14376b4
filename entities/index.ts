import { Address } from './address.entity.js';
import { AuditEntry } from './audit-entry.entity.js';
import { Industry } from './industry.entity.js';
import { Message } from './message.entity.js';
import { OrgAdmDoc } from './org-adm-doc.entity.js';
import { OrganizationDocument } from './organization-document.entity.js';
import { Organization } from './organization.entity.js';
import { Okrug } from './okrug.entity.js';
import { Region } from './region.entity.js';
import { Resource } from './resource.entity.js';
import { Responsibility } from './responsibility.entity.js';
import { User } from './user.entity.js';

export { Address, AuditEntry, Industry, Message, OrgAdmDoc, Organization, OrganizationDocument, Okrug, Region, Resource, Responsibility, User };

/** Every entity, listed explicitly (globs break under vitest/ESM, stack-notes P14). */
export const entities = [Okrug, Region, Address, Industry, Organization, Message, Resource, Responsibility, OrgAdmDoc, OrganizationDocument, User, AuditEntry];
