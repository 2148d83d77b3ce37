import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Built by Maven (exec-maven-plugin, generate-resources) into the service's static resources: same origin,
// no CDN, no inline script (the pages' Content-Security-Policy allows none).
export default defineConfig({
  plugins: [vue()],
  base: '/office/',
  build: {
    outDir: '../target/classes/META-INF/resources/office',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false }
  }
});
