import { runStageService } from '@gongkai/app';

await runStageService('validate', process.env);
