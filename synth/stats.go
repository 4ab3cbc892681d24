package synth

import "time"

// Stats counts what Generate wrote.
type Stats struct {
	Persons    int
	Veteran    int // lines in veteran.ndjson, duplicates included
	Civil      int
	Health     int
	Jobs       int
	Duplicates int            // second records of a person within one department
	Hardship   int            // lines in truth/hardship.ndjson
	JobMatches int            // lines in truth/jobs.ndjson
	Noise      map[string]int // records carrying each noise tag, all departments
	Elapsed    time.Duration
}

// shardStats is the per-shard part of Stats, merged in shard order.
type shardStats struct {
	records    [numDepts]int
	noise      [numNoise]int
	Hardship   int
	JobMatches int
}

func (s *shardStats) count(d int, tags uint16) {
	s.records[d]++
	for k := range numNoise {
		if tags&(1<<k) != 0 {
			s.noise[k]++
		}
	}
}

func (s *Stats) add(sh *shardStats, persons int) {
	s.Persons += persons
	s.Veteran += sh.records[deptVeteran]
	s.Civil += sh.records[deptCivil]
	s.Health += sh.records[deptHealth]
	s.Duplicates += sh.noise[9]
	s.Hardship += sh.Hardship
	s.JobMatches += sh.JobMatches
	if s.Noise == nil {
		s.Noise = map[string]int{}
	}
	for k, n := range sh.noise {
		s.Noise[noiseNames[k]] += n
	}
}
