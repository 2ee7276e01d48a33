import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth('funding', AppModule.forRoot, ['postgres', 'kafka']);
