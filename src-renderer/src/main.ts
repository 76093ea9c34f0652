import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { connectDesktopLanguage } from './desktop-language.svelte.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
connectDesktopLanguage();
export default mount(App, { target });
