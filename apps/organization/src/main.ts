import './tracing'; // first: see tracing.ts
import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';
import { loadOrganizationConfig } from './config/organization-config';
import { ORGANIZATION_TOPICS } from './events/organization-consumer.controller';

bootService(
  'organization',
  'Social organizations (社会组织): registry with capacity profiles, activity, staff and volunteer groups, and the proposals they bring to communities.',
  (config) => AppModule.forRoot(config, loadOrganizationConfig(process.env)),
  { consumes: () => ORGANIZATION_TOPICS },
);
