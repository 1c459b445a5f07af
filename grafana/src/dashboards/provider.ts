import { containerPaths, folder } from '../names.ts';

export const dashboardProviderFile = {
  apiVersion: 1,
  providers: [
    {
      name: 'telegram-bots',
      orgId: 1,
      type: 'file',
      folder: folder.title,
      folderUid: folder.uid,
      disableDeletion: true,
      // Dashboards are code: edits in the UI cannot be saved, the files always win.
      allowUiUpdates: false,
      updateIntervalSeconds: 60,
      options: { path: containerPaths.dashboards, foldersFromFilesStructure: false },
    },
  ],
};
