// Lets this package import Mantine's stylesheets; the app's bundler (Vite) resolves them.
declare module "*.css";
