import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth('governance', AppModule.forRoot, ['postgres', 'kafka', 'temporal']);
