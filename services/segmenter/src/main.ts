import { runStageService } from '@gongkai/app';

await runStageService('segment', process.env);
