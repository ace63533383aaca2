import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { coveredPathCells, resolveWave, damageCapacity, type PlacedTower } from '../src/game/domain/waves.ts';
import { snapshotBalance, resolveMap, onPath, type Balance } from '../src/game/domain/balance.ts';
const b = parse(readFileSync('configs/balance.yaml','utf8')) as Balance;
const bal = snapshotBalance(b); const map = resolveMap(b)!;
const rank = (r: number) => { const out: [number,number,number][]=[]; for (let x=0;x<map.width;x++) for (let y=0;y<map.height;y++){ if(onPath(map,x,y)) continue; out.push([x,y,coveredPathCells(map.path,x,y,r).length]); } return out.sort((a,b)=>b[2]-a[2]); };
console.log('r5', rank(5).slice(0,8)); console.log('r2', rank(2).slice(0,12));
