import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs separately (npm run start --workspace apps/server); proxying it
// keeps the browser on one origin, so the session cookie and the event stream work as in production.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: { '/api': { target: 'http://localhost:8000', changeOrigin: false } },
  },
});
