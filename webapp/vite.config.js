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
    // Element Plus is registered whole (every page uses most of it): about 1 MB on its own chunk, which stays
    // cached across releases of the pages; each page is a chunk of its own (router.js).
    chunkSizeWarningLimit: 1100,
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        }
      }
    }
  }
});
