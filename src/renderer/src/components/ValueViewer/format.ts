/** The modes of the plain editors and the big-string view (the viewer has more: formats/detect.ts). */
export type ViewMode = 'text' | 'json' | 'hex';
