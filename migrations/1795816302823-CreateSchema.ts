import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema of original-app.md §2, with its data defects fixed (§10.2):
 * INN holds 10 or 12 digits and KPP/OGRN are format-checked; association tables have primary keys;
 * no two active organizations share INN+KPP (partial unique index; KPP may be empty);
 * created/updated timestamps everywhere; no cascade deletes reference rows or shared letters;
 * a resource's owner cannot be hard-deleted from under it (RESTRICT); explicit constraint names
 * (TypeORM names the junction tables' keys itself).
 * Also the `sessions` table of connect-pg-simple (panel logins).
 * Reviewed from TypeORM's schema-builder output; test/db/migrations.db.test.ts checks that it matches the entities.
 */
export class CreateSchema1795816302823 implements MigrationInterface {
  name = 'CreateSchema1795816302823';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "addresses" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "index" character varying(6) NOT NULL, "ops_name" text, "area" text, "locality" text, "source_region_name" text, "region_id" integer, "actualized_on" date, CONSTRAINT "ck_addresses_index_format" CHECK ("index" ~ '^[0-9]{6}$'), CONSTRAINT "pk_addresses" PRIMARY KEY ("index"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_addresses_locality" ON "addresses" ("locality")`);
    await queryRunner.query(`CREATE INDEX "ix_addresses_region_id" ON "addresses" ("region_id")`);
    await queryRunner.query(`CREATE TABLE "industries" ("id" SERIAL NOT NULL, "name" text NOT NULL, CONSTRAINT "pk_industries" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE TABLE "messages" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" SERIAL NOT NULL, "direction" character varying(8) NOT NULL, "our_number" character varying(70), "our_date" date, "their_number" character varying(70), "their_date" date, "information" text NOT NULL, "parent_id" integer, CONSTRAINT "ck_messages_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "ck_messages_registered_after_signed" CHECK (our_date IS NULL OR their_date IS NULL OR our_date >= their_date), CONSTRAINT "ck_messages_outgoing_has_no_sender_requisites" CHECK (direction = 'incoming' OR (their_number IS NULL AND their_date IS NULL)), CONSTRAINT "ck_messages_direction" CHECK (direction IN ('incoming', 'outgoing')), CONSTRAINT "pk_messages" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_messages_our_number" ON "messages" ("our_number")`);
    await queryRunner.query(`CREATE INDEX "ix_messages_our_date" ON "messages" ("our_date")`);
    await queryRunner.query(`CREATE INDEX "ix_messages_their_number" ON "messages" ("their_number")`);
    await queryRunner.query(`CREATE INDEX "ix_messages_parent_id" ON "messages" ("parent_id")`);
    await queryRunner.query(
      `CREATE TABLE "org_adm_docs" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" SERIAL NOT NULL, "name" text NOT NULL, CONSTRAINT "pk_org_adm_docs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_org_adm_docs_name" ON "org_adm_docs" ("name")`);
    await queryRunner.query(
      `CREATE TABLE "organization_documents" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "org_adm_doc_id" integer NOT NULL, "date_approved" date, "props" text, "comment" text, "file_path" text, "file_size" bigint, "file_sha256" character varying(64), CONSTRAINT "pk_organization_documents" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organization_documents_org_adm_doc_id" ON "organization_documents" ("org_adm_doc_id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organization_documents_organization_type" ON "organization_documents" ("organization_id", "org_adm_doc_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" SERIAL NOT NULL, "full_name" text NOT NULL, "short_name" text, "inn" character varying(12), "kpp" character varying(9), "ogrn" character varying(15), "factual_address" text, "region_id" integer, "boss_position" character varying(200), "boss_fio" character varying(200), "contacts" text, "date_agreement" date, "agreement_unit" text, "is_gov" boolean NOT NULL DEFAULT false, "is_military" boolean NOT NULL DEFAULT false, "is_active" boolean NOT NULL DEFAULT true, "uuid" uuid NOT NULL DEFAULT gen_random_uuid(), CONSTRAINT "ck_organizations_ogrn_format" CHECK (ogrn ~ '^([0-9]{13}|[0-9]{15})$'), CONSTRAINT "ck_organizations_kpp_format" CHECK (kpp ~ '^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$'), CONSTRAINT "ck_organizations_inn_format" CHECK (inn ~ '^([0-9]{10}|[0-9]{12})$'), CONSTRAINT "pk_organizations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organizations_inn" ON "organizations" ("inn")`);
    await queryRunner.query(`CREATE INDEX "ix_organizations_ogrn" ON "organizations" ("ogrn")`);
    await queryRunner.query(`CREATE INDEX "ix_organizations_region_id" ON "organizations" ("region_id")`);
    await queryRunner.query(`CREATE INDEX "ix_organizations_date_agreement" ON "organizations" ("date_agreement")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organizations_uuid" ON "organizations" ("uuid")`);
    await queryRunner.query(`CREATE TABLE "okrugs" ("id" integer NOT NULL, "name" character varying(40) NOT NULL, CONSTRAINT "pk_okrugs" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE TABLE "regions" ("id" integer NOT NULL, "name" character varying(100) NOT NULL, "okrug_id" integer, CONSTRAINT "pk_regions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_regions_okrug_id" ON "regions" ("okrug_id")`);
    await queryRunner.query(
      `CREATE TABLE "resources" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" SERIAL NOT NULL, "name" text NOT NULL, "is_okii" boolean NOT NULL DEFAULT false, "fstec_reg_number" character varying(15), "category" smallint, "date_added_to_fstec" date, "date_updated_to_fstec" date, "factual_addresses" text, "resp_worker" text, "ip_pool" text, "dns_pool" text, "owner_id" integer NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_resources_category" CHECK (category BETWEEN 0 AND 3), CONSTRAINT "pk_resources" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_resources_category" ON "resources" ("category")`);
    await queryRunner.query(`CREATE INDEX "ix_resources_owner_id" ON "resources" ("owner_id")`);
    await queryRunner.query(
      `CREATE TABLE "responsibilities" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "resource_id" integer NOT NULL, "date_start" date NOT NULL, "date_end" date, "props" text, "comment" text, CONSTRAINT "ck_responsibilities_period" CHECK (date_end IS NULL OR date_end >= date_start), CONSTRAINT "pk_responsibilities" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_responsibilities_organization_id" ON "responsibilities" ("organization_id")`);
    await queryRunner.query(`CREATE INDEX "ix_responsibilities_resource_id" ON "responsibilities" ("resource_id")`);
    await queryRunner.query(
      `CREATE TABLE "users" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" SERIAL NOT NULL, "email" character varying(254) NOT NULL, "display_name" character varying(200) NOT NULL, "role" character varying(10) NOT NULL, "password_hash" text NOT NULL, "is_active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_users_email_lower" CHECK (email = lower(email)), CONSTRAINT "ck_users_role" CHECK (role IN ('admin', 'clerk')), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")`);
    await queryRunner.query(
      `CREATE TABLE "organizations_messages" ("message_id" integer NOT NULL, "organization_id" integer NOT NULL, CONSTRAINT "PK_c2ebdf4caf72df7c39ce2995501" PRIMARY KEY ("message_id", "organization_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_95669a876431b40827862a4107" ON "organizations_messages" ("message_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_471895410998629d0c0d778359" ON "organizations_messages" ("organization_id")`);
    await queryRunner.query(
      `CREATE TABLE "resources_regions" ("resource_id" integer NOT NULL, "region_id" integer NOT NULL, CONSTRAINT "PK_1c7cf388b918e9251727dfe0d2f" PRIMARY KEY ("resource_id", "region_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_58c12ed960ec8ce4b0cde7ca18" ON "resources_regions" ("resource_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_16c0750cce8b1b35b1590a2d3d" ON "resources_regions" ("region_id")`);
    await queryRunner.query(
      `CREATE TABLE "resources_industries" ("resource_id" integer NOT NULL, "industry_id" integer NOT NULL, CONSTRAINT "PK_79d0653dff94afb104d9f295173" PRIMARY KEY ("resource_id", "industry_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7dbbd6ce8a46220d1e4c754387" ON "resources_industries" ("resource_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_b2082d878397a73b54653fff2d" ON "resources_industries" ("industry_id")`);
    await queryRunner.query(
      `ALTER TABLE "addresses" ADD CONSTRAINT "fk_addresses_region" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "fk_messages_parent" FOREIGN KEY ("parent_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_documents" ADD CONSTRAINT "fk_organization_documents_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_documents" ADD CONSTRAINT "fk_organization_documents_org_adm_doc" FOREIGN KEY ("org_adm_doc_id") REFERENCES "org_adm_docs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "fk_organizations_region" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "regions" ADD CONSTRAINT "fk_regions_okrug" FOREIGN KEY ("okrug_id") REFERENCES "okrugs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" ADD CONSTRAINT "fk_resources_owner" FOREIGN KEY ("owner_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "responsibilities" ADD CONSTRAINT "fk_responsibilities_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "responsibilities" ADD CONSTRAINT "fk_responsibilities_resource" FOREIGN KEY ("resource_id") REFERENCES "resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations_messages" ADD CONSTRAINT "fk_organizations_messages_message" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations_messages" ADD CONSTRAINT "fk_organizations_messages_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources_regions" ADD CONSTRAINT "fk_resources_regions_resource" FOREIGN KEY ("resource_id") REFERENCES "resources"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources_regions" ADD CONSTRAINT "fk_resources_regions_region" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources_industries" ADD CONSTRAINT "fk_resources_industries_resource" FOREIGN KEY ("resource_id") REFERENCES "resources"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources_industries" ADD CONSTRAINT "fk_resources_industries_industry" FOREIGN KEY ("industry_id") REFERENCES "industries"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organizations_active_inn_kpp" ON "organizations" ("inn", (coalesce("kpp", ''))) WHERE "is_active" AND "inn" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("sid" character varying NOT NULL, "sess" json NOT NULL, "expire" TIMESTAMP(6) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sessions" PRIMARY KEY ("sid"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sessions_expire" ON "sessions" ("expire")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organizations_active_inn_kpp"`);
    await queryRunner.query(`ALTER TABLE "resources_industries" DROP CONSTRAINT "fk_resources_industries_industry"`);
    await queryRunner.query(`ALTER TABLE "resources_industries" DROP CONSTRAINT "fk_resources_industries_resource"`);
    await queryRunner.query(`ALTER TABLE "resources_regions" DROP CONSTRAINT "fk_resources_regions_region"`);
    await queryRunner.query(`ALTER TABLE "resources_regions" DROP CONSTRAINT "fk_resources_regions_resource"`);
    await queryRunner.query(`ALTER TABLE "organizations_messages" DROP CONSTRAINT "fk_organizations_messages_organization"`);
    await queryRunner.query(`ALTER TABLE "organizations_messages" DROP CONSTRAINT "fk_organizations_messages_message"`);
    await queryRunner.query(`ALTER TABLE "responsibilities" DROP CONSTRAINT "fk_responsibilities_resource"`);
    await queryRunner.query(`ALTER TABLE "responsibilities" DROP CONSTRAINT "fk_responsibilities_organization"`);
    await queryRunner.query(`ALTER TABLE "resources" DROP CONSTRAINT "fk_resources_owner"`);
    await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "fk_regions_okrug"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "fk_organizations_region"`);
    await queryRunner.query(`ALTER TABLE "organization_documents" DROP CONSTRAINT "fk_organization_documents_org_adm_doc"`);
    await queryRunner.query(`ALTER TABLE "organization_documents" DROP CONSTRAINT "fk_organization_documents_organization"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "fk_messages_parent"`);
    await queryRunner.query(`ALTER TABLE "addresses" DROP CONSTRAINT "fk_addresses_region"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b2082d878397a73b54653fff2d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7dbbd6ce8a46220d1e4c754387"`);
    await queryRunner.query(`DROP TABLE "resources_industries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_16c0750cce8b1b35b1590a2d3d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_58c12ed960ec8ce4b0cde7ca18"`);
    await queryRunner.query(`DROP TABLE "resources_regions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_471895410998629d0c0d778359"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_95669a876431b40827862a4107"`);
    await queryRunner.query(`DROP TABLE "organizations_messages"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_responsibilities_resource_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_responsibilities_organization_id"`);
    await queryRunner.query(`DROP TABLE "responsibilities"`);
    await queryRunner.query(`DROP INDEX "public"."ix_resources_owner_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_resources_category"`);
    await queryRunner.query(`DROP TABLE "resources"`);
    await queryRunner.query(`DROP INDEX "public"."ix_regions_okrug_id"`);
    await queryRunner.query(`DROP TABLE "regions"`);
    await queryRunner.query(`DROP TABLE "okrugs"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organizations_uuid"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organizations_date_agreement"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organizations_region_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organizations_ogrn"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organizations_inn"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_documents_organization_type"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organization_documents_org_adm_doc_id"`);
    await queryRunner.query(`DROP TABLE "organization_documents"`);
    await queryRunner.query(`DROP INDEX "public"."uq_org_adm_docs_name"`);
    await queryRunner.query(`DROP TABLE "org_adm_docs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_parent_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_their_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_our_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_our_number"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP TABLE "industries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_addresses_region_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_addresses_locality"`);
    await queryRunner.query(`DROP TABLE "addresses"`);
  }
}
