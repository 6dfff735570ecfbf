import { runStageService } from '@gongkai/app';

await runStageService('decode', process.env);
