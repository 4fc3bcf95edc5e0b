import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './api';

// Only the typed methods cross into the page; ipcRenderer itself never does.
contextBridge.exposeInMainWorld('queuedesk', buildBridge(ipcRenderer));
