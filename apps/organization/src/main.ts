import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';

bootService(
  'organization',
  'Social organizations (社会组织): registry with capacity profiles, activity, staff and volunteer groups, and the proposals they bring to communities.',
  AppModule.forRoot,
);
