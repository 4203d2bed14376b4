import type { EntityManager } from 'typeorm';
import { Industry } from '../../entities/industry.entity.js';
import { Message } from '../../entities/message.entity.js';
import { OrgAdmDoc } from '../../entities/org-adm-doc.entity.js';
import { OrganizationDocument } from '../../entities/organization-document.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { Region } from '../../entities/region.entity.js';
import { Resource } from '../../entities/resource.entity.js';
import { Responsibility } from '../../entities/responsibility.entity.js';
import { innCheckDigits, ogrnCheckDigit } from '../domain/requisites.js';

/**
 * Demo data in the spirit of the original's fill_demo_data.py, but deterministic, with valid
 * INN/OGRN checksums, and written in one transaction by the caller. Fictional organizations.
 */
interface DemoOrganization {
  fullName: string;
  shortName: string;
  innBody: string;
  kpp: string;
  ogrnBody: string;
  regionId: number;
  address: string;
  bossPosition: string;
  bossFio: string;
  contacts: string;
  dateAgreement?: string;
  agreementUnit?: string;
  isGov?: boolean;
  isMilitary?: boolean;
  isActive?: boolean;
}

const ORGANIZATIONS: DemoOrganization[] = [
  {
    fullName: 'ФЕДЕРАЛЬНОЕ ГОСУДАРСТВЕННОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ "ДВАДЦАТЬ ДВА ВОИНА"',
    shortName: 'ФГУП "22 ВОИНА"',
    innBody: '770100001',
    kpp: '770101001',
    ogrnBody: '102770000001',
    regionId: 77,
    address: '101000, г. Москва, ул. Мясницкая, д. 22',
    bossPosition: 'Генеральный директор',
    bossFio: 'Воинов Игорь Петрович',
    contacts: 'Приёмная: 8-495-000-00-22\nemail: office@22voina.example',
    dateAgreement: '2020-01-01',
    agreementUnit: 'Департамент магии и чудес',
    isGov: true,
    isMilitary: true,
  },
  {
    fullName: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "РОМАШКА"',
    shortName: 'АО "РОМАШКА"',
    innBody: '774900000',
    kpp: '774901001',
    ogrnBody: '102774900000',
    regionId: 77,
    address: '125212, г. Москва, Ленинградское шоссе, д. 23А',
    bossPosition: 'Генеральный директор',
    bossFio: 'Ромашкин Игорь Евгеньевич',
    contacts: 'Директор Департамента физического развития\nСпортивный Рамзан Игнатьевич\nМоб. 8-800-555-35-35\nemail: sport@romashka.example',
    dateAgreement: '2021-06-15',
    agreementUnit: 'Департамент физического развития',
  },
  {
    fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ПОДМОСКОВНЫЕ СЕТИ"',
    shortName: 'ООО "ПОДМОСКОВНЫЕ СЕТИ"',
    innBody: '502700011',
    kpp: '502701001',
    ogrnBody: '102502700011',
    regionId: 50,
    address: '140000, Московская область, г. Люберцы, Октябрьский пр-т, д. 1',
    bossPosition: 'Директор',
    bossFio: 'Сетевой Павел Андреевич',
    contacts: 'Ответственный за ИБ: Защитин А.А., +7 495 100-00-01',
  },
  {
    fullName: 'ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ ЗДРАВООХРАНЕНИЯ "РЕСПУБЛИКАНСКАЯ БОЛЬНИЦА"',
    shortName: 'ГБУЗ "РБ"',
    innBody: '057000123',
    kpp: '057001001',
    ogrnBody: '102050000123',
    regionId: 5,
    address: '367000, Республика Дагестан, г. Махачкала, ул. Ленина, д. 10',
    bossPosition: 'Главный врач',
    bossFio: 'Лекарев Магомед Ильясович',
    contacts: 'Приёмная: +7 8722 00-00-00',
    isGov: true,
    dateAgreement: '2022-03-01',
    agreementUnit: 'Отдел информатизации',
  },
  {
    fullName: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "ЧЕБОКСАРСКИЙ ЭНЕРГОЗАВОД"',
    shortName: 'АО "ЧЭЗ"',
    innBody: '212800456',
    kpp: '213001001',
    ogrnBody: '102210000456',
    regionId: 21,
    address: '428038, Чувашская Республика, г. Чебоксары, ул. Победы, д. 3',
    bossPosition: 'Генеральный директор',
    bossFio: 'Энергин Василий Николаевич',
    contacts: 'ИБ: Токов С.С., tokov@chez.example',
  },
  {
    fullName: 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "КОСТРОМСКОЙ БАНК"',
    shortName: 'ПАО "КОСТРОМАБАНК"',
    innBody: '440100789',
    kpp: '440101001',
    ogrnBody: '102440000789',
    regionId: 44,
    address: '156000, Костромская область, г. Кострома, ул. Советская, д. 1',
    bossPosition: 'Председатель правления',
    bossFio: 'Рублёв Андрей Сергеевич',
    contacts: 'Служба ИБ: +7 4942 00-00-00',
    dateAgreement: '2019-11-20',
    agreementUnit: 'Служба информационной безопасности',
  },
  {
    fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "АСТРАХАНСКИЙ ПОРТ"',
    shortName: 'ООО "АСТРАХАНСКИЙ ПОРТ"',
    innBody: '301500321',
    kpp: '301501001',
    ogrnBody: '102300000321',
    regionId: 30,
    address: '414000, Астраханская область, г. Астрахань, ул. Портовая, д. 5',
    bossPosition: 'Директор',
    bossFio: 'Волжский Олег Юрьевич',
    contacts: 'Диспетчерская: +7 8512 00-00-00',
  },
  {
    fullName: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "УЛЬЯНОВСКИЙ АВИАЦИОННЫЙ ЗАВОД"',
    shortName: 'АО "УАЗ-АВИА"',
    innBody: '732500654',
    kpp: '732501001',
    ogrnBody: '102730000654',
    regionId: 73,
    address: '432000, Ульяновская область, г. Ульяновск, пр-т Авиастроителей, д. 1',
    bossPosition: 'Генеральный директор',
    bossFio: 'Крылов Виктор Степанович',
    contacts: 'Режимно-секретный отдел: +7 8422 00-00-00',
    isMilitary: true,
  },
  {
    fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "БАЙКАЛЬСКАЯ СВЯЗЬ"',
    shortName: 'ООО "БАЙКАЛСВЯЗЬ"',
    innBody: '032600987',
    kpp: '032601001',
    ogrnBody: '102030000987',
    regionId: 3,
    address: '670000, Республика Бурятия, г. Улан-Удэ, ул. Ленина, д. 20',
    bossPosition: 'Директор',
    bossFio: 'Дашиев Баир Цыренович',
    contacts: 'Техподдержка: support@baikalsvyaz.example',
  },
  {
    fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЛИКВИДИРОВАНО"',
    shortName: 'ООО "ЛИКВИДИРОВАНО"',
    innBody: '100100111',
    kpp: '100101001',
    ogrnBody: '102100000111',
    regionId: 10,
    address: '185000, Республика Карелия, г. Петрозаводск, пр-т Ленина, д. 1',
    bossPosition: 'Ликвидатор',
    bossFio: 'Закрытов Иван Иванович',
    contacts: '—',
    isActive: false,
  },
  {
    fullName: 'МИНИСТЕРСТВО ЦИФРОВОГО РАЗВИТИЯ ВАЖНОЙ ОБЛАСТИ',
    shortName: 'МИНЦИФРЫ ВАЖНОЙ ОБЛАСТИ',
    innBody: '540600222',
    kpp: '540601001',
    ogrnBody: '102540000222',
    regionId: 54,
    address: '630123, Новосибирская область, г. Новосибирск, ул. Победы, д. 28А',
    bossPosition: 'Министр',
    bossFio: 'Цифров Артём Олегович',
    contacts: 'Приёмная министра: +7 383 000-00-00',
    isGov: true,
    dateAgreement: '2023-02-03',
    agreementUnit: 'Управление информационной безопасности',
  },
  {
    fullName: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "УФИМСКИЙ НЕФТЕПЕРЕРАБАТЫВАЮЩИЙ ЗАВОД"',
    shortName: 'АО "УНПЗ"',
    innBody: '027700333',
    kpp: '027701001',
    ogrnBody: '102020000333',
    regionId: 2,
    address: '450112, Республика Башкортостан, г. Уфа, ул. Победы, д. 30',
    bossPosition: 'Генеральный директор',
    bossFio: 'Нефтеев Рустам Маратович',
    contacts: 'ИБ: sec@unpz.example',
  },
];

const DOCUMENT_TYPES = [
  'Соглашение о сотрудничестве в области информационной безопасности',
  'Регламент информационного взаимодействия',
  'Перечень объектов КИИ',
  'Сведения о категорировании объектов КИИ',
];

export interface DemoSummary {
  created: boolean;
  organizations: number;
  messages: number;
  resources: number;
  documents: number;
}

export async function loadDemoData(manager: EntityManager): Promise<DemoSummary> {
  const organizationRepository = manager.getRepository(Organization);
  if ((await organizationRepository.count()) > 0) {
    return { created: false, organizations: 0, messages: 0, resources: 0, documents: 0 };
  }
  const organizations = await organizationRepository.save(
    ORGANIZATIONS.map((o) =>
      organizationRepository.create({
        fullName: o.fullName,
        shortName: o.shortName,
        inn: o.innBody + innCheckDigits(o.innBody),
        kpp: o.kpp,
        ogrn: o.ogrnBody + ogrnCheckDigit(o.ogrnBody),
        regionId: o.regionId,
        factualAddress: o.address,
        bossPosition: o.bossPosition,
        bossFio: o.bossFio,
        contacts: o.contacts,
        dateAgreement: o.dateAgreement ?? null,
        agreementUnit: o.agreementUnit ?? null,
        isGov: o.isGov ?? false,
        isMilitary: o.isMilitary ?? false,
        isActive: o.isActive ?? true,
      }),
    ),
  );
  const org = (i: number) => organizations[i] as Organization;

  const messageRepository = manager.getRepository(Message);
  const letter = (fields: Partial<Message>, linked: Organization[]) => messageRepository.save(messageRepository.create({ ...fields, organizations: linked }));
  const recommendations = await letter(
    { direction: 'outgoing', ourNumber: '1936', ourDate: '2022-01-01', information: 'Направлены рекомендации по защите объектов КИИ' },
    [org(0), org(1), org(3)],
  );
  const request = await letter(
    {
      direction: 'incoming',
      ourNumber: '1А',
      ourDate: '2022-04-23',
      theirNumber: 'ППА-11.144',
      theirDate: '2022-04-22',
      information: 'Запрос разъяснений по порядку категорирования объектов КИИ',
    },
    [org(1)],
  );
  await letter(
    {
      direction: 'outgoing',
      ourNumber: '11',
      ourDate: '2022-04-28',
      information: 'Ответ на запрос: разъяснения по категорированию направлены',
      parentId: request.id,
    },
    [org(1)],
  );
  await letter(
    {
      direction: 'incoming',
      ourNumber: '27',
      ourDate: '2022-05-12',
      theirNumber: 'ЧЭЗ-45/2',
      theirDate: '2022-05-10',
      information: 'Сведения о результатах категорирования объектов КИИ',
      parentId: recommendations.id,
    },
    [org(4)],
  );
  await letter(
    {
      direction: 'incoming',
      ourNumber: '31',
      ourDate: '2022-06-02',
      theirNumber: '01-12/345',
      theirDate: '2022-05-30',
      information: 'Уведомление о смене ответственного за информационную безопасность',
    },
    [org(5)],
  );
  await letter(
    { direction: 'outgoing', ourNumber: '17', ourDate: '2022-07-07', information: 'Приглашение на совещание по вопросам взаимодействия. '.repeat(4).trim() },
    [org(2), org(6), org(7)],
  );
  await letter({ direction: 'outgoing', ourNumber: '1', ourDate: '2023-01-16', information: 'Направлен проект соглашения о сотрудничестве' }, [org(10)]);
  await letter(
    {
      direction: 'incoming',
      ourNumber: '5',
      ourDate: '2023-02-06',
      theirNumber: 'МЦР-118',
      theirDate: '2023-02-03',
      information: 'Подписанное соглашение о сотрудничестве',
    },
    [org(10)],
  );

  const regions = await manager.getRepository(Region).find();
  const industries = await manager.getRepository(Industry).find();
  const region = (id: number) => regions.find((r) => r.id === id) as Region;
  const industry = (id: number) => industries.find((i) => i.id === id) as Industry;
  const resourceRepository = manager.getRepository(Resource);
  const resource = (fields: Partial<Resource>) => resourceRepository.save(resourceRepository.create(fields));
  const created = [
    await resource({
      name: 'АСУ ТП Печеньем',
      isOkii: true,
      fstecRegNumber: '123456',
      category: 3,
      dateAddedToFstec: '2021-03-01',
      ownerId: org(4).id,
      factualAddresses: '428038, Чувашская Республика, г. Чебоксары, ул. Победы, д. 3',
      regions: [region(21)],
      industries: [industry(6), industry(13)],
    }),
    await resource({ name: 'Локалка', ipPool: '192.168.1.1:0/28', ownerId: org(1).id, regions: [region(77)], industries: [] }),
    await resource({
      name: 'Автоматизированная банковская система',
      isOkii: true,
      fstecRegNumber: '234567',
      category: 2,
      dateAddedToFstec: '2022-01-20',
      ownerId: org(5).id,
      regions: [region(44), region(77)],
      industries: [industry(5)],
    }),
    await resource({
      name: 'Медицинская информационная система',
      isOkii: true,
      fstecRegNumber: '345678',
      category: 3,
      ownerId: org(3).id,
      regions: [region(5)],
      industries: [industry(1)],
    }),
    await resource({
      name: 'Портал государственных услуг Важной области',
      ownerId: org(10).id,
      dnsPool: 'gosuslugi.vazhnaya.example',
      regions: [region(54)],
      industries: [],
    }),
    await resource({
      name: 'Сеть связи Байкальского региона',
      isOkii: true,
      fstecRegNumber: '456789',
      category: 1,
      ownerId: org(8).id,
      regions: [region(3), region(38), region(75)],
      industries: [industry(4)],
    }),
  ];
  await manager.getRepository(Responsibility).save({
    organizationId: org(2).id,
    resourceId: (created[1] as Resource).id,
    dateStart: '2020-05-24',
    dateEnd: '2022-12-12',
    props: 'Договор № 15-ИБ от 20.05.2020',
  });

  const types = await manager.getRepository(OrgAdmDoc).save(DOCUMENT_TYPES.map((name) => ({ name })));
  const documentRepository = manager.getRepository(OrganizationDocument);
  const documents = await documentRepository.save([
    { organizationId: org(0).id, orgAdmDocId: (types[0] as OrgAdmDoc).id, dateApproved: '2020-01-01', props: '№ 1-С', comment: 'Оригинал в деле 05-12' },
    { organizationId: org(1).id, orgAdmDocId: (types[0] as OrgAdmDoc).id, dateApproved: '2021-06-15', props: '№ 7-С' },
    { organizationId: org(10).id, orgAdmDocId: (types[0] as OrgAdmDoc).id, dateApproved: '2023-02-03', props: '№ 12-С' },
    { organizationId: org(4).id, orgAdmDocId: (types[3] as OrgAdmDoc).id, dateApproved: '2022-05-10', props: 'ЧЭЗ-45/2' },
  ]);
  return { created: true, organizations: organizations.length, messages: 8, resources: created.length, documents: documents.length };
}
