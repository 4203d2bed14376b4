import { CreateSchema1795816302823 } from './1795816302823-CreateSchema.js';
import { SeedReferenceData1795816302824 } from './1795816302824-SeedReferenceData.js';
import { RegistrySearch1795816302825 } from './1795816302825-RegistrySearch.js';
import { DocumentTypeIndex1795816302826 } from './1795816302826-DocumentTypeIndex.js';
import { KeepOneAdmin1795816302827 } from './1795816302827-KeepOneAdmin.js';
import { OrganizationHead1795816302828 } from './1795816302828-OrganizationHead.js';
import { ChangeHistory1795816302829 } from './1795816302829-ChangeHistory.js';
import { EgrulCheck1795816302830 } from './1795816302830-EgrulCheck.js';
import { LettersRegister1795816302831 } from './1795816302831-LettersRegister.js';
import { UniqueLetterNumbers1795816302832 } from './1795816302832-UniqueLetterNumbers.js';
import { HistoryGuardedByRoles1795816302833 } from './1795816302833-HistoryGuardedByRoles.js';
import { LoginThrottleInDatabase1795816302834 } from './1795816302834-LoginThrottleInDatabase.js';
import { RowVersions1795816302835 } from './1795816302835-RowVersions.js';
import { NewRegions1795816302836 } from './1795816302836-NewRegions.js';
import { EgrulCheckFailures1795816302837 } from './1795816302837-EgrulCheckFailures.js';
import { LoginReserveFunction1795816302838 } from './1795816302838-LoginReserveFunction.js';
import { EgrulBulkLists1795816302839 } from './1795816302839-EgrulBulkLists.js';
import { LegacyImport1795816302840 } from './1795816302840-LegacyImport.js';
import { SearchByPlace1795816302841 } from './1795816302841-SearchByPlace.js';
import { PasswordChangeRequired1795816302842 } from './1795816302842-PasswordChangeRequired.js';
import { DashboardFigures1795816302843 } from './1795816302843-DashboardFigures.js';
import { OrganizationMerge1795816302844 } from './1795816302844-OrganizationMerge.js';
import { PossibleDuplicates1795816302845 } from './1795816302845-PossibleDuplicates.js';
import { ScanRemovals1795816302846 } from './1795816302846-ScanRemovals.js';
import { ScansInDatabase1795816302847 } from './1795816302847-ScansInDatabase.js';
import { PanelBundles1795816302848 } from './1795816302848-PanelBundles.js';

/** Every migration in order, listed explicitly (globs break under vitest/ESM); a test compares it with the directory. */
export const migrations = [
  CreateSchema1795816302823,
  SeedReferenceData1795816302824,
  RegistrySearch1795816302825,
  DocumentTypeIndex1795816302826,
  KeepOneAdmin1795816302827,
  OrganizationHead1795816302828,
  ChangeHistory1795816302829,
  EgrulCheck1795816302830,
  LettersRegister1795816302831,
  UniqueLetterNumbers1795816302832,
  HistoryGuardedByRoles1795816302833,
  LoginThrottleInDatabase1795816302834,
  RowVersions1795816302835,
  NewRegions1795816302836,
  EgrulCheckFailures1795816302837,
  LoginReserveFunction1795816302838,
  EgrulBulkLists1795816302839,
  LegacyImport1795816302840,
  SearchByPlace1795816302841,
  PasswordChangeRequired1795816302842,
  DashboardFigures1795816302843,
  OrganizationMerge1795816302844,
  PossibleDuplicates1795816302845,
  ScanRemovals1795816302846,
  ScansInDatabase1795816302847,
  PanelBundles1795816302848,
];
