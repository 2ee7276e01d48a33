import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth('organization', AppModule.forRoot, ['postgres', 'kafka']);
