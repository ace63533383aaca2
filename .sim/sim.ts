import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { resolveWave, damageCapacity, coveredPathCells, type PlacedTower } from '/work/main/src/game/domain/waves.ts';
import { snapshotBalance, resolveMap, onPath, type Balance, type TowerType } from '/work/main/src/game/domain/balance.ts';
const b = parse(readFileSync('configs/balance.yaml','utf8')) as Balance;
const bal = snapshotBalance(b);
for (const mapId of ['meadow','canyon']) for (const diff of ['EASY','NORMAL','HARD'] as const) for (const strat of ['ARROW','CANNON','SNIPER','MIX'] as const) {
  const map = resolveMap(b, mapId)!;
  const towers: PlacedTower[] = []; let gold = bal.game.startingGold; let lives = bal.game.startingLives; let score = 0;
  const best = (type: TowerType) => { let bestC: [number,number,number]|null=null; for (let x=0;x<map.width;x++) for (let y=0;y<map.height;y++){ if (onPath(map,x,y)||towers.some(t=>t.x===x&&t.y===y)) continue; const c=coveredPathCells(map.path,x,y,bal.towers[type]!.range).length; if(!bestC||c>bestC[2]) bestC=[x,y,c]; } return bestC; };
  let n=0; const log: string[]=[];
  for (let w=1; w<=bal.game.waves; w++) {
    for(;;){ const type: TowerType = strat==='MIX' ? (['ARROW','FROST','CANNON','SNIPER'] as const)[n%4]! : strat; const cost=bal.towers[type]!.cost; if (gold<cost) break; const c=best(type); if(!c) break; towers.push({towerId:'t'+n,towerType:type,x:c[0],y:c[1],ownerId:'p'}); gold-=cost; n++; }
    const cap = 0; const r = resolveWave({ balance: bal, difficulty: diff, map, towers, playerIds: ['p'], wave: w, lives, score });
    lives=r.livesLeft; score=r.score; gold+=r.goldEarned; log.push(`${r.kills}/${r.enemies}:${Math.round(100*Number(damageCapacity(bal,map.path,towers,r.enemies))/(r.enemies*r.enemyHealth))}`);
    if (r.outcome) { console.log(mapId, diff, strat, r.outcome, 'wave', w, 'lives', lives, 'score', score, 'towers', towers.length, log.join(' ')); break; }
  }
}
// no towers
const map = resolveMap(b)!; let lives=20; for (let w=1; w<=10; w++){ const r=resolveWave({balance:bal,difficulty:'NORMAL',map,towers:[],playerIds:['p'],wave:w,lives,score:0}); lives=r.livesLeft; if(r.outcome){console.log('no towers', r.outcome, w); break;} }
