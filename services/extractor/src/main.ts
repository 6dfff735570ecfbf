import { runStageService } from '@gongkai/app';

await runStageService('extract', process.env);
