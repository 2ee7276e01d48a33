import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';

bootService(
  'community',
  "Communities (社区): the platform where residents, organizations and social workers meet. Residents' data stays with the community and is shared only by rule and consent.",
  AppModule.forRoot,
);
