import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';

bootService(
  'talent',
  'Social workers (社工人才): qualifications, training, service hours, workforce-health indicators and recognition.',
  AppModule.forRoot,
);
